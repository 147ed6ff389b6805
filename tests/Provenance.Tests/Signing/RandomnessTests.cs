using Provenance.Cryptography;
using Provenance.Jumbf;
using Provenance.Manifests;
using Provenance.Validation;

namespace Provenance.Tests.Signing;

/// <summary>
/// Salts and manifest UUIDs come from <see cref="SigningOptions.Randomness"/>: a seeded source gives the same labels and
/// salts on every run, so tests can compare whole manifests; the default gives fresh ones each time.
/// </summary>
public class RandomnessTests
{
    // The signing clock is fixed for the run (the test signers' certificates are made an hour before the real now, so a
    // date written here would fall before them from the next day on).
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task Sign_SameSeed_SameLabelInstanceIdAndSalts()
    {
        Signed first = await SignAsync(new SeededRandomSource(7));
        Signed second = await SignAsync(new SeededRandomSource(7));

        Assert.Equal(first.Label, second.Label);
        Assert.Equal(first.InstanceId, second.InstanceId);
        Assert.NotEmpty(first.Salts);
        Assert.Equal(first.Salts, second.Salts);
        Assert.All(first.Salts, salt => Assert.Equal(AssertionBoxes.SaltLength, salt.Length / 2));
    }

    [Fact]
    public async Task Sign_OtherSeedOrDefaultSource_OtherLabelAndSalts()
    {
        Signed seven = await SignAsync(new SeededRandomSource(7));
        Signed eight = await SignAsync(new SeededRandomSource(8));
        Signed system1 = await SignAsync(null);
        Signed system2 = await SignAsync(null);

        Assert.NotEqual(seven.Label, eight.Label);
        Assert.NotEqual(seven.Salts, eight.Salts);
        Assert.NotEqual(system1.Label, system2.Label);
        Assert.NotEqual(system1.Salts, system2.Salts);
    }

    [Fact]
    public async Task Sign_SeededSource_LabelIsAVersion4UrnAndVerifies()
    {
        Signed signed = await SignAsync(new SeededRandomSource(1));

        Assert.StartsWith("urn:c2pa:", signed.Label, StringComparison.Ordinal);
        Guid uuid = Guid.Parse(signed.Label["urn:c2pa:".Length..]);
        Assert.Equal(4, uuid.Version);
        Assert.Equal(ValidationState.Trusted, signed.State);
    }

    [Fact]
    public async Task Sign_SaltsOff_NoSaltWhateverTheSource()
    {
        Signed signed = await SignAsync(new SeededRandomSource(7), salt: false);

        Assert.Empty(signed.Salts);
    }

    private static async Task<Signed> SignAsync(IRandomSource? random, bool salt = true)
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        var options = new SigningOptions { Thumbnails = null, TimeProvider = new FixedTime(Now), SaltAssertions = salt };
        if (random is not null)
        {
            options = options with { Randomness = random };
        }

        using var output = new MemoryStream();
        SigningResult result = await new ManifestBuilder { Title = "seeded" }
            .AddAuthor("Ada")
            .SignAsync(new MemoryStream(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg"))), output, signer, options);
        byte[] asset = output.ToArray();
        Manifest manifest = Validation.Tampering.ReadStore(asset, out _).ActiveManifest!;
        string[] salts = [.. manifest.Assertions.Select(a => a.Description.Salt).OfType<ReadOnlyMemory<byte>>().Select(s => Convert.ToHexString(s.Span))];
        ValidationReport report = await ManifestVerifier.VerifyAsync(new MemoryStream(asset), new VerificationOptions { TrustAnchors = TestSigners.Anchors });
        Assert.Equal(result.ManifestLabel, manifest.Label);
        return new Signed(manifest.Label, manifest.ParseClaim().InstanceId, salts, report.State);
    }

    private sealed record Signed(string Label, string InstanceId, string[] Salts, ValidationState? State)
    {
        public bool Equals(Signed? other) => other is not null && Label == other.Label && InstanceId == other.InstanceId && Salts.SequenceEqual(other.Salts);

        public override int GetHashCode() => Label.GetHashCode(StringComparison.Ordinal);
    }

    private sealed class SeededRandomSource(int seed) : IRandomSource
    {
        private readonly Random _random = new(seed);

        public void Fill(Span<byte> destination) => _random.NextBytes(destination);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
