using Provenance.Cryptography;
using Provenance.Tests.Formats.Tiff;
using Provenance.Tests.Signing;
using Provenance.Validation;

namespace Provenance.Tests.Interop;

/// <summary>
/// TIFF both ways against c2pa-rs: c2pa-rs trusts what Provenance signs (one page or several, either byte order, classic
/// or BigTIFF), and Provenance reaches c2pa-rs's verdict on what c2pa-rs signs, before and after an image byte changes.
/// </summary>
[Collection("c2pa-rs")]
public class TiffInteropTests
{
    public static TheoryData<string> Inputs() => TiffMedia.All();

    [Theory]
    [MemberData(nameof(Inputs))]
    public Task C2paRs_TiffSignedByProvenance_Trusted(string source)
        => C2paRsChecks.AssertTrustedByC2paRsAsync(
            TiffMedia.Resolve(source),
            source.Contains("dng", StringComparison.Ordinal) ? "image/x-adobe-dng" : "image/tiff",
            source,
            source == "fixture:formats/test.tiff" ? C2paRsChecks.Algorithms : [SigningAlgorithm.ES256]); // every algorithm for c2pa-rs's own TIFF; ES256 for the other layouts

    [Theory]
    [InlineData("fixture:formats/test.tiff", "es256")]
    [InlineData("fixture:formats/TUSCANY.TIF", "ps256")]
    [InlineData("built:MM-1", "es384")]
    [InlineData("built:II-3", "es256")]
    [InlineData("built:II-big-1", "es512")]
    public async Task Provenance_TiffSignedByC2paRs_SameVerdictBeforeAndAfterAnImageByteChanges(string source, string algorithm)
    {
        string dir = TestPaths.NewTempDirectory();
        SigningAlgorithm alg = SigningAlgorithms.TryParse(algorithm, out SigningAlgorithm parsed) ? parsed : throw new ArgumentException(algorithm);
        (string chain, string key, string root) = TestSigners.WriteFiles(alg, dir);
        string input = TiffMedia.Resolve(source);
        string signed = Path.Combine(dir, "signed.tiff");
        C2paRs.Sign(input, signed, "image/tiff", chain, key, algorithm);
        var options = new VerificationOptions { TrustAnchors = TrustAnchorSet.FromPemFile(root) };

        ValidationReport ours = await ManifestVerifier.VerifyFileAsync(signed, options);
        C2paRsReport theirs = C2paRs.Verify(signed, "image/tiff", root);

        Assert.Equal("Trusted", theirs.ValidationState);
        Assert.Equal(ValidationState.Trusted, ours.State);
        Assert.Empty(ours.ActiveManifestResults.Failure);
        Assert.Contains(ours.ActiveManifestResults.Success, s => s.Code == StatusCodes.AssertionDataHashMatch);
        // c2pa-rs also excludes the C2PA entry's count field: a second exclusion, which is only informational.
        Assert.Contains(ours.ActiveManifestResults.Informational, s => s.Code == StatusCodes.AssertionDataHashAdditionalExclusions);

        // c2pa-rs, too, keeps the input's bytes in place: one byte of the first strip changes.
        byte[] bytes = File.ReadAllBytes(signed);
        bytes[TiffMedia.FirstStrip(File.ReadAllBytes(input)) + 1] ^= 0x01;
        string tampered = Path.Combine(dir, "tampered.tiff");
        File.WriteAllBytes(tampered, bytes);

        ValidationReport oursTampered = await ManifestVerifier.VerifyFileAsync(tampered, options);
        C2paRsReport theirsTampered = C2paRs.Verify(tampered, "image/tiff", root);

        Assert.Equal("Invalid", theirsTampered.ValidationState);
        Assert.Contains(StatusCodes.AssertionDataHashMismatch, theirsTampered.FailureCodes);
        Assert.Equal(ValidationState.Invalid, oursTampered.State);
        Assert.Equal(theirsTampered.FailureCodes.Distinct().Order(), oursTampered.ActiveManifestResults.Failure.Select(f => f.Code).Distinct().Order());
    }

    [Fact]
    public async Task Provenance_ResignsWhatC2paRsSigned_OneTrustedManifest()
    {
        // A single-page TIFF signed by c2pa-rs, signed again by Provenance: the store moves into Provenance's IFD0.
        string dir = TestPaths.NewTempDirectory();
        (string chain, string key, string root) = TestSigners.WriteFiles(SigningAlgorithm.ES256, dir);
        string signed = Path.Combine(dir, "c2pa-rs.tiff");
        C2paRs.Sign(TiffMedia.Resolve("fixture:formats/test.tiff"), signed, "image/tiff", chain, key, "es256");
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);

        byte[] again = await SignAndVerifyTests.SignAsync(File.ReadAllBytes(signed), signer);
        string path = Path.Combine(dir, "again.tiff");
        File.WriteAllBytes(path, again);

        C2paRsReport theirs = C2paRs.Verify(path, "image/tiff", root);
        Assert.True(theirs.ValidationState == "Trusted", $"c2pa-rs: {theirs.ValidationState} [{string.Join(", ", theirs.FailureCodes)}] {theirs.Error}");
        Assert.Equal(ValidationState.Trusted, (await SignAndVerifyTests.VerifyAsync(again)).State);
    }

    [Fact]
    public void TiffPoc_BothRefuseToSign()
    {
        string dir = TestPaths.NewTempDirectory();
        (string chain, string key, _) = TestSigners.WriteFiles(SigningAlgorithm.ES256, dir);
        string poc = TestPaths.Fixture("formats/tiff_poc.tiff");

        Assert.Throws<InvalidOperationException>(() => C2paRs.Sign(poc, Path.Combine(dir, "signed.tiff"), "image/tiff", chain, key, "es256"));
        using FileStream input = File.OpenRead(poc);
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        ProvenanceFormatException ours = Assert.Throws<ProvenanceFormatException>(() => new ManifestBuilder { Title = "poc" }.Sign(input, Stream.Null, signer));

        Assert.Equal(FormatLayer.Tiff, ours.Layer);
    }
}
