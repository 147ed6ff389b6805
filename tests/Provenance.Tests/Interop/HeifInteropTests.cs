using Provenance.Cryptography;
using Provenance.Formats.Bmff;
using Provenance.Tests.Media;
using Provenance.Tests.Signing;
using Provenance.Validation;

namespace Provenance.Tests.Interop;

/// <summary>
/// HEIF, HEIC and AVIF both ways against c2pa-rs: c2pa-rs trusts what Provenance signs with every algorithm, and
/// Provenance reaches c2pa-rs's verdict on what c2pa-rs signs, before and after a byte of the coded image changes.
/// Fixtures: c2pa-rs's sdk/tests/fixtures sample1.heic, sample1.heif, sample1.avif; an AVIF made by ffmpeg (libaom).
/// </summary>
[Collection("c2pa-rs")]
public class HeifInteropTests
{
    public static TheoryData<string, string> Images() => new()
    {
        { "fixture:formats/sample1.heic", "image/heic" },
        { "fixture:formats/sample1.heif", "image/heif" },
        { "fixture:formats/sample1.avif", "image/avif" },
        { "ffmpeg:avif", "image/avif" },
    };

    [Theory]
    [MemberData(nameof(Images))]
    public Task C2paRs_ImageSignedByProvenance_TrustedWithEveryAlgorithm(string source, string mimeType)
        => C2paRsChecks.AssertTrustedByC2paRsAsync(Resolve(source), mimeType, source);

    // Every algorithm c2pa-rs signs with, spread over the images (each c2pa-rs run over a large HEIC takes seconds).
    public static TheoryData<string, string, SigningAlgorithm[]> SignedByC2paRs() => new()
    {
        { "fixture:formats/sample1.heic", "image/heic", [SigningAlgorithm.ES256, SigningAlgorithm.PS384] },
        { "fixture:formats/sample1.heif", "image/heif", [SigningAlgorithm.ES384, SigningAlgorithm.PS512] },
        { "fixture:formats/sample1.avif", "image/avif", [SigningAlgorithm.ES512, SigningAlgorithm.PS256] },
        { "ffmpeg:avif", "image/avif", [SigningAlgorithm.ES256, SigningAlgorithm.PS256] },
    };

    [Theory]
    [MemberData(nameof(SignedByC2paRs))]
    public void Provenance_ImageSignedByC2paRs_SameVerdictsBeforeAndAfterAnImageByteChanges(string source, string mimeType, SigningAlgorithm[] algorithms)
    {
        string dir = TestPaths.NewTempDirectory();
        string extension = Path.GetExtension(Resolve(source));
        foreach (SigningAlgorithm algorithm in algorithms)
        {
            (string chain, string key, string root) = TestSigners.WriteFiles(algorithm, dir);
            string signed = Path.Combine(dir, $"{algorithm}{extension}");
            C2paRs.Sign(Resolve(source), signed, mimeType, chain, key, algorithm.ToString().ToLowerInvariant());

            ValidationReport ours = Verify(signed, root);
            C2paRsReport theirs = C2paRs.Verify(signed, mimeType, root);
            Assert.True(theirs.ValidationState == "Trusted", $"{source} {algorithm}: c2pa-rs says {theirs.ValidationState} [{string.Join(", ", theirs.FailureCodes)}] {theirs.Error}");
            Assert.True(ours.State == ValidationState.Trusted, $"{source} {algorithm}: [{string.Join(", ", ours.ActiveManifestResults.Failure.Select(f => f.Code))}]");

            // c2pa-rs rewrote iloc too: the image it signed still decodes to the input's picture.
            if (algorithm == algorithms[0])
            {
                Assert.Equal(HeifDecoder.FrameMd5(Resolve(source)), HeifDecoder.FrameMd5(signed));
            }

            byte[] bytes = File.ReadAllBytes(signed);
            BmffBox mdat = BmffReader.Open(new MemoryStream(bytes), Provenance.Formats.AssetReadOptions.Default).ReadTree(32, default).First(b => b.Type == BmffBoxTypes.Mdat);
            bytes[mdat.PayloadOffset + ((mdat.Size - mdat.HeaderSize) / 2)] ^= 0x01;
            string tampered = Path.Combine(dir, $"{algorithm}-tampered{extension}");
            File.WriteAllBytes(tampered, bytes);

            ValidationReport oursTampered = Verify(tampered, root);
            C2paRsReport theirsTampered = C2paRs.Verify(tampered, mimeType, root);
            Assert.Equal("Invalid", theirsTampered.ValidationState);
            Assert.Equal(ValidationState.Invalid, oursTampered.State);
            Assert.Equal(theirsTampered.FailureCodes.Distinct().Order(), oursTampered.ActiveManifestResults.Failure.Select(f => f.Code).Distinct().Order());
        }
    }

    private static ValidationReport Verify(string path, string rootPem)
        => ManifestVerifier.VerifyFileAsync(path, new VerificationOptions { TrustAnchors = TrustAnchorSet.FromPemFile(rootPem) }).GetAwaiter().GetResult();

    private static string Resolve(string source) => source == "ffmpeg:avif" ? TestMedia.Avif() : TestPaths.Fixture(source["fixture:".Length..]);
}
