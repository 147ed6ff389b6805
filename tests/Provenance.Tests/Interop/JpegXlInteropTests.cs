using Provenance.Cryptography;
using Provenance.Tests.Formats.JpegXl;
using Provenance.Tests.Signing;
using Provenance.Validation;

namespace Provenance.Tests.Interop;

/// <summary>
/// JPEG XL both ways against c2pa-rs: c2pa-rs trusts the containers Provenance signs with every algorithm; Provenance
/// reaches c2pa-rs's verdict on what c2pa-rs signs, before and after a codestream byte changes; both refuse to sign a
/// bare codestream. Inputs: c2pa-rs's sdk/tests/fixtures sample1.jxl; a container around ffmpeg's codestream.
/// </summary>
[Collection("c2pa-rs")]
public class JpegXlInteropTests
{
    public static TheoryData<string> Containers() => ["fixture:formats/sample1.jxl", "ffmpeg:container"];

    [Theory]
    [MemberData(nameof(Containers))]
    public Task C2paRs_ContainerSignedByProvenance_TrustedWithEveryAlgorithm(string source)
        => C2paRsChecks.AssertTrustedByC2paRsAsync(JpegXlFiles.Read(source), ".jxl", "image/jxl", source);

    // Every algorithm c2pa-rs signs with, spread over the two inputs.
    public static TheoryData<string, SigningAlgorithm[]> SignedByC2paRs() => new()
    {
        { "fixture:formats/sample1.jxl", [SigningAlgorithm.ES256, SigningAlgorithm.ES512, SigningAlgorithm.PS384] },
        { "ffmpeg:container", [SigningAlgorithm.ES384, SigningAlgorithm.PS256, SigningAlgorithm.PS512] },
    };

    [Theory]
    [MemberData(nameof(SignedByC2paRs))]
    public void Provenance_ContainerSignedByC2paRs_SameVerdictsBeforeAndAfterACodestreamByteChanges(string source, SigningAlgorithm[] algorithms)
    {
        string dir = TestPaths.NewTempDirectory();
        string input = Path.Combine(dir, "input.jxl");
        File.WriteAllBytes(input, JpegXlFiles.Read(source));
        foreach (SigningAlgorithm algorithm in algorithms)
        {
            (string chain, string key, string root) = TestSigners.WriteFiles(algorithm, dir);
            string signed = Path.Combine(dir, $"{algorithm}.jxl");
            C2paRs.Sign(input, signed, "image/jxl", chain, key, algorithm.ToString().ToLowerInvariant());

            ValidationReport ours = Verify(signed, root);
            C2paRsReport theirs = C2paRs.Verify(signed, "image/jxl", root);
            Assert.True(theirs.ValidationState == "Trusted", $"{source} {algorithm}: c2pa-rs says {theirs.ValidationState} [{string.Join(", ", theirs.FailureCodes)}] {theirs.Error}");
            Assert.True(ours.State == ValidationState.Trusted, $"{source} {algorithm}: [{string.Join(", ", ours.ActiveManifestResults.Failure.Select(f => f.Code))}]");

            byte[] bytes = File.ReadAllBytes(signed);
            bytes[^100] ^= 0x01;
            string tampered = Path.Combine(dir, $"{algorithm}-tampered.jxl");
            File.WriteAllBytes(tampered, bytes);

            ValidationReport oursTampered = Verify(tampered, root);
            C2paRsReport theirsTampered = C2paRs.Verify(tampered, "image/jxl", root);
            Assert.Equal("Invalid", theirsTampered.ValidationState);
            Assert.Contains(StatusCodes.AssertionDataHashMismatch, theirsTampered.FailureCodes);
            Assert.Equal(ValidationState.Invalid, oursTampered.State);
            Assert.Equal(theirsTampered.FailureCodes.Distinct().Order(), oursTampered.ActiveManifestResults.Failure.Select(f => f.Code).Distinct().Order());
        }
    }

    [Fact]
    public void C2paRs_BareCodestream_RefusesToSignAsProvenanceDoes()
    {
        string dir = TestPaths.NewTempDirectory();
        (string chain, string key, _) = TestSigners.WriteFiles(SigningAlgorithm.ES256, dir);

        InvalidOperationException ex = Assert.Throws<InvalidOperationException>(
            () => C2paRs.Sign(Media.TestMedia.JxlCodestream(), Path.Combine(dir, "signed.jxl"), "image/jxl", chain, key, "es256"));

        Assert.Contains("c2pa-rs could not sign", ex.Message, StringComparison.Ordinal);
    }

    private static ValidationReport Verify(string path, string rootPem)
        => ManifestVerifier.VerifyFileAsync(path, new VerificationOptions { TrustAnchors = TrustAnchorSet.FromPemFile(rootPem) }).GetAwaiter().GetResult();
}
