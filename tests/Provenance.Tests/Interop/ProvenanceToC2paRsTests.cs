using Provenance.Cryptography;
using Provenance.Tests.Signing;
using Provenance.Validation;

namespace Provenance.Tests.Interop;

/// <summary>
/// Both directions against c2pa-rs (WebAssembly build, through Node): c2pa-rs must report what we sign as Trusted with
/// no failure, and we must reach c2pa-rs's verdict on what c2pa-rs signed.
/// </summary>
[Collection("c2pa-rs")]
public class ProvenanceToC2paRsTests
{
    public static TheoryData<string, string> Images() => new()
    {
        { "fixture:no_manifest.jpg", "image/jpeg" },
        { "fixture:earth_apollo17.jpg", "image/jpeg" },
        { "fixture:sample1.png", "image/png" },
        { "fixture:libpng-test.png", "image/png" },
        { "ffmpeg:jpeg", "image/jpeg" },
        { "ffmpeg:png", "image/png" },
    };

    [Theory]
    [MemberData(nameof(Images))]
    public Task C2paRs_ImageSignedByProvenance_TrustedWithEveryAlgorithm(string source, string mimeType)
        => C2paRsChecks.AssertTrustedByC2paRsAsync(Resolve(source), mimeType, source);

    [Theory]
    [InlineData("no_manifest.jpg", "image/jpeg", "es256")]
    [InlineData("sample1.png", "image/png", "es256")]
    [InlineData("earth_apollo17.jpg", "image/jpeg", "ps256")]
    public void Provenance_ImageSignedByC2paRs_SameVerdictAsC2paRs(string fixture, string mimeType, string algorithm)
    {
        string dir = TestPaths.NewTempDirectory();
        SigningAlgorithm alg = SigningAlgorithms.TryParse(algorithm, out SigningAlgorithm parsed) ? parsed : throw new ArgumentException(algorithm);
        (string chain, string key, string root) = TestSigners.WriteFiles(alg, dir);
        string signed = Path.Combine(dir, "signed" + Path.GetExtension(fixture));
        C2paRs.Sign(TestPaths.Fixture(fixture), signed, mimeType, chain, key, algorithm);

        ValidationReport ours = Verify(signed, root);
        C2paRsReport theirs = C2paRs.Verify(signed, mimeType, root);

        Assert.Equal("Trusted", theirs.ValidationState);
        Assert.Equal(ValidationState.Trusted, ours.State);
        Assert.Empty(ours.ActiveManifestResults.Failure);

        // One byte of image data changed: both must say Invalid with assertion.dataHash.mismatch.
        byte[] bytes = File.ReadAllBytes(signed);
        bytes[^100] ^= 0x01;
        string tampered = Path.Combine(dir, "tampered" + Path.GetExtension(fixture));
        File.WriteAllBytes(tampered, bytes);

        ValidationReport oursTampered = Verify(tampered, root);
        C2paRsReport theirsTampered = C2paRs.Verify(tampered, mimeType, root);

        Assert.Equal("Invalid", theirsTampered.ValidationState);
        Assert.Contains(StatusCodes.AssertionDataHashMismatch, theirsTampered.FailureCodes);
        Assert.Equal(ValidationState.Invalid, oursTampered.State);
        Assert.Equal(theirsTampered.FailureCodes.Distinct().Order(), oursTampered.ActiveManifestResults.Failure.Select(f => f.Code).Distinct().Order());
    }

    private static ValidationReport Verify(string path, string rootPem)
        => ManifestVerifier.VerifyFileAsync(path, new VerificationOptions { TrustAnchors = TrustAnchorSet.FromPemFile(rootPem) }).GetAwaiter().GetResult();

    private static string Resolve(string source) => source switch
    {
        "ffmpeg:jpeg" => Media.TestMedia.PhotoJpeg(),
        "ffmpeg:png" => Media.TestMedia.Png(),
        _ => TestPaths.Fixture(source["fixture:".Length..]),
    };
}
