using Provenance.Cryptography;
using Provenance.Tests.Cose;
using Provenance.Tests.Interop;
using Provenance.Validation;

namespace Provenance.Tests.Signing;

/// <summary>
/// Ed25519 claims (C2PA 2.2 §13.2.1 allows EdDSA with Ed25519) signed by a remote signer over a BouncyCastle key: the
/// remote path builds the Sig_structure, the check before embedding and the verifier use BouncyCastle, since neither .NET
/// nor System.Security.Cryptography.Cose has Ed25519.
/// </summary>
public class RemoteEd25519SigningTests
{
    private static readonly SigningOptions NoThumbnail = new() { Thumbnails = null };

    [Fact]
    public async Task SignFile_RemoteEd25519Signer_TrustedHereAndByC2paRs()
    {
        using SameKeyCredentials credentials = SameKeyCredentials.Create(SigningAlgorithm.Ed25519);
        string dir = TestPaths.NewTempDirectory();
        string output = Path.Combine(dir, "ed25519.jpg");

        await new ManifestBuilder().SignFileAsync(TestPaths.Fixture("no_manifest.jpg"), output, credentials.CreateSigner(SigningPath.Remote), NoThumbnail);

        ValidationReport report = await ManifestVerifier.VerifyFileAsync(output, new VerificationOptions { TrustAnchors = TestSigners.Anchors });
        Assert.Empty(report.ActiveManifestResults.Failure);
        Assert.Equal(ValidationState.Trusted, report.State);
        Assert.Equal("Ed25519", report.Manifests.Single(m => m.Label == report.ActiveManifest).Signature!.Algorithm);
        string root = Path.Combine(dir, "root.pem");
        File.WriteAllText(root, TestSigners.Root.ExportCertificatePem());
        C2paRsReport theirs = C2paRs.Verify(output, "image/jpeg", root);
        Assert.Equal("Trusted", theirs.ValidationState);
    }

    [Fact]
    public async Task SignFile_Ed25519SignatureOfOtherBytes_RefusedBeforeEmbedding()
    {
        using SameKeyCredentials credentials = SameKeyCredentials.Create(SigningAlgorithm.Ed25519);
        IClaimSigner signer = credentials.CreateSigner(SigningPath.Remote);
        var wrongBytes = new FaultySigner(signer, _ => signer.SignAsync("other bytes"u8.ToArray()).AsTask().GetAwaiter().GetResult());
        string dir = TestPaths.NewTempDirectory();

        ProvenanceSigningException ex = await Assert.ThrowsAsync<ProvenanceSigningException>(
            () => new ManifestBuilder().SignFileAsync(TestPaths.Fixture("no_manifest.jpg"), Path.Combine(dir, "out.jpg"), wrongBytes, NoThumbnail));

        Assert.Contains("Ed25519 signature does not verify", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(dir));
    }
}
