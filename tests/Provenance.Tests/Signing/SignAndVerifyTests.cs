using Provenance.Assertions;
using Provenance.Cryptography;
using Provenance.Validation;

namespace Provenance.Tests.Signing;

public class SignAndVerifyTests
{
    public static TheoryData<string, SigningAlgorithm> InputsAndAlgorithms()
    {
        var data = new TheoryData<string, SigningAlgorithm>();
        foreach (string input in new[] { "no_manifest.jpg", "earth_apollo17.jpg", "sample1.png", "libpng-test.png" })
        {
            foreach (SigningAlgorithm algorithm in new[] { SigningAlgorithm.ES256, SigningAlgorithm.ES384, SigningAlgorithm.ES512, SigningAlgorithm.PS256, SigningAlgorithm.PS384, SigningAlgorithm.PS512 })
            {
                data.Add(input, algorithm);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(InputsAndAlgorithms))]
    public async Task Sign_FixtureWithEveryAlgorithm_VerifiesTrustedWithoutFailures(string input, SigningAlgorithm algorithm)
    {
        using LocalSigner signer = TestSigners.Create(algorithm);
        byte[] signed = await SignAsync(File.ReadAllBytes(TestPaths.Fixture(input)), signer, b => b.AddAuthor("Ada"));

        ValidationReport report = await VerifyAsync(signed);

        Assert.True(report.HasManifest);
        Assert.Empty(report.ActiveManifestResults.Failure);
        Assert.Equal(ValidationState.Trusted, report.State);
        Assert.Contains(report.ActiveManifestResults.Success, s => s.Code == StatusCodes.AssertionDataHashMatch);
        Assert.Contains(report.ActiveManifestResults.Success, s => s.Code == StatusCodes.ClaimSignatureValidated);
        Assert.Equal(["Ada"], report.Summary.Authors);
    }

    [Fact]
    public async Task Sign_AiGeneratedWithNoTraining_SummaryDisclosesBoth()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        byte[] signed = await SignAsync(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg")), signer, b => b.MarkAsAiGenerated("ImageModel", "3").DisallowAiTraining());

        ValidationReport report = await VerifyAsync(signed);

        Assert.Equal(ValidationState.Trusted, report.State);
        Assert.Equal(AiDisclosure.Generated, report.Summary.Ai);
        Assert.Equal(DigitalSourceTypes.TrainedAlgorithmicMedia, Assert.Single(report.Summary.AiEvidence).SourceType);
        Assert.Equal(new GeneratorInfo("ImageModel", "3"), report.Summary.Model);
        Assert.Equal(TrainingMiningUse.NotAllowed, report.Summary.AiTraining);
        Assert.Equal(TrainingMiningUse.NotAllowed, report.Summary.DataMining);
    }

    [Fact]
    public async Task Verify_HumanMadeWork_IsNotFlaggedAsAi()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        byte[] signed = await SignAsync(File.ReadAllBytes(TestPaths.Fixture("sample1.png")), signer, b => b.SetDigitalSourceType("digitalCapture"));

        ValidationReport report = await VerifyAsync(signed);

        Assert.Equal(AiDisclosure.Human, report.Summary.Ai);
        Assert.Equal(DigitalSourceTypes.DigitalCapture, report.Summary.DigitalSourceType);
        Assert.Null(report.Summary.AiTraining);
    }

    [Theory]
    [InlineData("no_manifest.jpg")]
    [InlineData("sample1.png")]
    public async Task Verify_OneImageByteChanged_InvalidWithDataHashMismatch(string input)
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        byte[] signed = await SignAsync(File.ReadAllBytes(TestPaths.Fixture(input)), signer);
        signed[^100] ^= 0x01; // Inside the image data near the end, far from the manifest at the start.

        ValidationReport report = await VerifyAsync(signed);

        Assert.Equal(ValidationState.Invalid, report.State);
        Assert.Equal([StatusCodes.AssertionDataHashMismatch], report.ActiveManifestResults.Failure.Select(f => f.Code));
    }

    [Theory]
    [InlineData("video1_no_manifest.mp4")]
    [InlineData("c.mov")]
    [InlineData("sample1.m4a")]
    public async Task Verify_OneMdatByteChanged_InvalidWithBmffHashMismatch(string input)
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        byte[] signed = await SignAsync(File.ReadAllBytes(TestPaths.Fixture(input)), signer);
        Assert.Equal(ValidationState.Trusted, (await VerifyAsync(signed)).State);
        int mdat = signed.AsSpan().IndexOf("mdat"u8);
        signed[mdat + 1000] ^= 0x01;

        ValidationReport report = await VerifyAsync(signed);

        Assert.Equal(ValidationState.Invalid, report.State);
        Assert.Equal([StatusCodes.AssertionBmffHashMismatch], report.ActiveManifestResults.Failure.Select(f => f.Code));
    }

    [Fact]
    public async Task Verify_OtherTrustAnchors_ValidWithUntrustedSigner()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        byte[] signed = await SignAsync(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg")), signer);
        var options = new VerificationOptions { TrustAnchors = TrustAnchorSet.FromPemFile(TestPaths.Fixture("test_cert_root_bundle.pem")) };

        ValidationReport report = await ManifestVerifier.VerifyAsync(new MemoryStream(signed), options);

        // C2PA 2.2 §14.3: Valid does not need a trusted signer; c2pa-rs tolerates signingCredential.untrusted for Valid.
        Assert.Equal(ValidationState.Valid, report.State);
        Assert.Equal([StatusCodes.SigningCredentialUntrusted], report.ActiveManifestResults.Failure.Select(f => f.Code));
    }

    [Fact]
    public async Task Verify_NoTrustAnchors_ValidWithUntrustedSigner()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        byte[] signed = await SignAsync(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg")), signer);

        ValidationReport report = await ManifestVerifier.VerifyAsync(new MemoryStream(signed));

        Assert.Equal(ValidationState.Valid, report.State);
        Assert.Contains(report.ActiveManifestResults.Failure, f => f.Code == StatusCodes.SigningCredentialUntrusted);
    }

    [Fact]
    public async Task Sign_AlreadySignedFile_ReplacesStoreInsteadOfAddingOne()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        byte[] once = await SignAsync(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg")), signer);
        byte[] twice = await SignAsync(once, signer);

        ValidationReport report = await VerifyAsync(twice);

        Assert.Equal(ValidationState.Trusted, report.State);
        Assert.Single(report.Manifests);
        Assert.InRange(twice.Length, once.Length - 64, once.Length + 64);
    }

    [Fact]
    public async Task Verify_UnsignedImage_HasNoManifest()
    {
        ValidationReport report = await VerifyAsync(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg")));

        Assert.False(report.HasManifest);
    }

    [Fact]
    public async Task Sign_UnseekableStreams_SameVerdict()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        using var input = new ForwardOnlyStream(File.ReadAllBytes(TestPaths.Fixture("sample1.png")));
        using var output = new MemoryStream();
        using var forwardOutput = new ForwardOnlyWriteStream(output);

        await new ManifestBuilder { Title = "png" }.SignAsync(input, forwardOutput, signer);
        ValidationReport report = await VerifyAsync(output.ToArray());

        Assert.Equal(ValidationState.Trusted, report.State);
    }

    internal static async Task<byte[]> SignAsync(byte[] input, LocalSigner signer, Action<ManifestBuilder>? configure = null)
    {
        var builder = new ManifestBuilder { Title = "test asset" };
        configure?.Invoke(builder);
        using var output = new MemoryStream();
        await builder.SignAsync(new MemoryStream(input), output, signer);
        return output.ToArray();
    }

    internal static Task<ValidationReport> VerifyAsync(byte[] asset)
        => ManifestVerifier.VerifyAsync(new MemoryStream(asset), new VerificationOptions { TrustAnchors = TestSigners.Anchors });
}
