using Provenance.Cryptography;
using Provenance.Validation;

namespace Provenance.Tests.Validation;

/// <summary>Damaged signed files give a clear error or an Invalid report, never another exception or a hang.</summary>
public class HostileInputTests
{
    [Theory]
    [InlineData("C.jpg")]
    [InlineData("CA.jpg")]
    public async Task Verify_TruncatedSignedFile_FormatErrorOrReport(string file)
    {
        byte[] original = File.ReadAllBytes(TestPaths.Fixture(file));
        foreach (int length in new[] { 2, 3, 20, 100, 1000, 5000, 20000, 40000, original.Length / 2, original.Length - 1 })
        {
            ValidationReport? report = await VerifyOrFormatErrorAsync(original[..length]);
            Assert.True(report is null || report.State != ValidationState.Trusted, $"a copy cut at {length} bytes was reported Trusted");
        }
    }

    [Fact]
    public async Task Verify_RandomByteChangesInManifest_OnlyFormatErrorsOrReports()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        byte[] signed = await Signing.SignAndVerifyTests.SignAsync(File.ReadAllBytes(TestPaths.Fixture("sample1.png")), signer);
        var random = new Random(20261122);
        for (int i = 0; i < 300; i++)
        {
            byte[] damaged = (byte[])signed.Clone();
            damaged[33 + random.Next(0, 4000)] ^= (byte)random.Next(1, 256); // Inside the caBX chunk, which follows IHDR.

            // Any exception other than ProvenanceFormatException fails the test.
            await VerifyOrFormatErrorAsync(damaged);
        }
    }

    [Fact]
    public async Task Verify_ClaimByteChanged_ClaimSignatureMismatch()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        byte[] signed = await Signing.SignAndVerifyTests.SignAsync(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg")), signer);
        int title = signed.AsSpan().IndexOf("test asset"u8);
        signed[title] = (byte)'T';

        ValidationReport report = await Signing.SignAndVerifyTests.VerifyAsync(signed);

        Assert.Equal(ValidationState.Invalid, report.State);
        Assert.Contains(report.ActiveManifestResults.Failure, f => f.Code == StatusCodes.ClaimSignatureMismatch);
    }

    [Fact]
    public async Task Verify_AssertionByteChanged_HashedUriMismatch()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        byte[] signed = await Signing.SignAndVerifyTests.SignAsync(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg")), signer, b => b.AddAuthor("Ada Lovelace"));
        int author = signed.AsSpan().IndexOf("Ada Lovelace"u8);
        signed[author] = (byte)'E';

        ValidationReport report = await Signing.SignAndVerifyTests.VerifyAsync(signed);

        Assert.Equal(ValidationState.Invalid, report.State);
        Assert.Contains(report.ActiveManifestResults.Failure, f => f.Code == StatusCodes.AssertionHashedUriMismatch && f.Url!.EndsWith("stds.schema-org.CreativeWork", StringComparison.Ordinal));
    }

    private static async Task<ValidationReport?> VerifyOrFormatErrorAsync(byte[] data)
    {
        try
        {
            return await ManifestVerifier.VerifyAsync(new MemoryStream(data), new VerificationOptions { TrustAnchors = TestSigners.Anchors });
        }
        catch (ProvenanceFormatException)
        {
            return null;
        }
    }
}
