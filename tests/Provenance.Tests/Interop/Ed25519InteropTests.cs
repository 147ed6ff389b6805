using Provenance.Cryptography;
using Provenance.Tests.Validation;
using Provenance.Validation;

namespace Provenance.Tests.Interop;

/// <summary>
/// Ed25519 claims (C2PA 2.2 §13.2.1) both ways: a <see cref="LocalSigner"/> loaded from PEM files signs and c2pa-rs
/// trusts the result; c2pa-rs's builder signs with an Ed25519 key and Provenance reaches its verdict.
/// </summary>
[Collection("c2pa-rs")]
public class Ed25519InteropTests
{
    private static readonly SigningOptions NoThumbnail = new() { Thumbnails = null };

    [Theory]
    [InlineData("no_manifest.jpg", "image/jpeg")]
    [InlineData("sample1.png", "image/png")]
    public async Task C2paRs_SignedByLocalSignerFromEd25519Pem_Trusted(string fixture, string mimeType)
    {
        string dir = TestPaths.NewTempDirectory();
        (string chain, string key, string root) = TestSigners.WriteFiles(SigningAlgorithm.Ed25519, dir);
        string output = Path.Combine(dir, "signed" + Path.GetExtension(fixture));

        using (LocalSigner signer = LocalSigner.FromPemFiles(chain, key))
        {
            Assert.Equal(SigningAlgorithm.Ed25519, signer.Algorithm);
            await new ManifestBuilder().SignFileAsync(TestPaths.Fixture(fixture), output, signer, NoThumbnail);
        }

        ValidationReport ours = await ManifestVerifier.VerifyFileAsync(output, new VerificationOptions { TrustAnchors = TrustAnchorSet.FromPemFile(root) });
        C2paRsReport theirs = C2paRs.Verify(output, mimeType, root);

        Assert.True(theirs.ValidationState == "Trusted", $"c2pa-rs: {theirs.ValidationState} [{string.Join(", ", theirs.FailureCodes)}] {theirs.Error}");
        Assert.Empty(theirs.FailureCodes);
        Assert.Equal(ValidationState.Trusted, ours.State);
        Assert.Equal("Ed25519", ours.Manifests.Single(m => m.Label == ours.ActiveManifest).Signature!.Algorithm);
    }

    [Fact]
    public async Task Provenance_Ed25519SignedByC2paRs_SameVerdictAsC2paRs()
    {
        string dir = TestPaths.NewTempDirectory();
        (string chain, string key, string root) = TestSigners.WriteFiles(SigningAlgorithm.Ed25519, dir);
        string signed = Path.Combine(dir, "signed.jpg");
        C2paRs.Sign(TestPaths.Fixture("no_manifest.jpg"), signed, "image/jpeg", chain, key, "ed25519");
        var options = new VerificationOptions { TrustAnchors = TrustAnchorSet.FromPemFile(root) };

        ValidationReport ours = await ManifestVerifier.VerifyFileAsync(signed, options);
        C2paRsReport theirs = C2paRs.Verify(signed, "image/jpeg", root);

        Assert.Equal("Trusted", theirs.ValidationState);
        Assert.Equal(ValidationState.Trusted, ours.State);
        Assert.Empty(ours.ActiveManifestResults.Failure);
        Assert.Equal("Ed25519", ours.Manifests.Single(m => m.Label == ours.ActiveManifest).Signature!.Algorithm);

        // One bit of the Ed25519 signature (the COSE_Sign1's last 64 bytes) changed: both must refuse it, with the same codes.
        byte[] bytes = File.ReadAllBytes(signed);
        (_, int offset, int length) = Tampering.FindCose(bytes);
        bytes[offset + length - 10] ^= 0x01;
        string tampered = Path.Combine(dir, "tampered.jpg");
        File.WriteAllBytes(tampered, bytes);

        ValidationReport oursTampered = await ManifestVerifier.VerifyFileAsync(tampered, options);
        C2paRsReport theirsTampered = C2paRs.Verify(tampered, "image/jpeg", root);

        Assert.Equal("Invalid", theirsTampered.ValidationState);
        Assert.Equal(ValidationState.Invalid, oursTampered.State);
        Assert.Contains(StatusCodes.ClaimSignatureMismatch, theirsTampered.FailureCodes);
        Assert.Equal(theirsTampered.FailureCodes.Distinct().Order(), oursTampered.ActiveManifestResults.Failure.Select(f => f.Code).Distinct().Order());
    }
}
