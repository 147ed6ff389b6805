using System.Formats.Cbor;
using System.Security.Cryptography.X509Certificates;
using Provenance.Cbor;
using Provenance.Cose;
using Provenance.Cryptography;
using Provenance.Hashing;
using Provenance.Tests.Interop;
using Provenance.Validation;

namespace Provenance.Tests.Validation;

/// <summary>
/// A verifier is judged by what it refuses. Each test alters a signed file the way an attacker would and shows that
/// Provenance never calls it Valid or Trusted, and asks c2pa-rs about the same file. Each also checks the untouched
/// file first, so that a refusal is the attack's doing and not a broken fixture.
/// </summary>
[Collection("c2pa-rs")]
public class AttackTests
{
    // The attacks start from files a careful signer would refuse to write (expired or self-signed certificates).
    private static readonly SigningOptions NoThumbnail = new() { Thumbnails = null, VerifyAfterSign = false };

    [Theory]
    [InlineData("provenance")]
    [InlineData("c2pa-rs")]
    public async Task Verify_JpegSegmentSlippedIntoShrunkPadding_DataHashMismatch(string signedBy)
    {
        byte[] signed = await SignWithAsync(signedBy, "no_manifest.jpg", "image/jpeg");
        await AssertTrustedAsync(signed);

        byte[] attacked = Tampering.SlipSegmentIntoJpegPadding(signed, "attacker's metadata, never hashed"u8.ToArray());

        Assert.Equal(signed.Length, attacked.Length);
        Assert.Equal(Tampering.FindCose(signed).Message.Signature.ToArray(), Tampering.FindCose(attacked).Message.Signature.ToArray());
        ValidationReport report = await VerifyAsync(attacked);
        AssertRefused(report, StatusCodes.AssertionDataHashMismatch);
        Assert.Contains(report.ActiveManifestResults.Failure, f => f.Explanation!.Contains("manifest location", StringComparison.Ordinal));
        AssertC2paRsRefuses(attacked, "image/jpeg");
    }

    [Theory]
    [InlineData("provenance")]
    [InlineData("c2pa-rs")]
    public async Task Verify_PngChunkSlippedIntoShrunkPadding_DataHashMismatch(string signedBy)
    {
        byte[] signed = await SignWithAsync(signedBy, "sample1.png", "image/png");
        await AssertTrustedAsync(signed);

        byte[] attacked = Tampering.SlipChunkIntoPngPadding(signed, "attacker's text, never hashed");

        Assert.Equal(signed.Length, attacked.Length);
        AssertRefused(await VerifyAsync(attacked), StatusCodes.AssertionDataHashMismatch);
        AssertC2paRsRefuses(attacked, "image/png");
    }

    [Fact]
    public async Task Verify_UpdateManifestOverAlteredImage_DataHashMismatch()
    {
        byte[] original = File.ReadAllBytes(TestPaths.Fixture("update_manifest.jpg"));
        Assert.Equal(ValidationState.Trusted, (await VerifyFixtureAsync(original)).State);
        Tampering.ReadStore(original, out ExclusionRange store);

        // One byte of the image, well after the store, is changed.
        byte[] attacked = (byte[])original.Clone();
        attacked[(int)store.End + (attacked.Length - (int)store.End) / 2] ^= 0x5A;

        AssertRefused(await VerifyFixtureAsync(attacked), StatusCodes.AssertionDataHashMismatch);
        AssertC2paRsRefuses(attacked, "image/jpeg", TestPaths.Fixture("test_cert_root_bundle.pem"));
    }

    [Theory]
    [InlineData("update_manifest.jpg")]
    [InlineData("C.jpg")]
    public async Task Verify_StoreTransplantedIntoAnotherImage_DataHashMismatch(string donor)
    {
        byte[] attacked = Tampering.TransplantJpegStore(File.ReadAllBytes(TestPaths.Fixture(donor)), File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg")));

        AssertRefused(await VerifyFixtureAsync(attacked), StatusCodes.AssertionDataHashMismatch);
        AssertC2paRsRefuses(attacked, "image/jpeg", TestPaths.Fixture("test_cert_root_bundle.pem"));
    }

    [Fact]
    public async Task Verify_ExpiredSignerBackdatedByUntrustedTimeStampAuthority_Expired()
    {
        // A root that was already valid when the signer's certificate was, so that only time decides.
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using CertificateAuthority root = CertificateAuthority.CreateRoot("Long-lived Test Root", new FixedTime(now.AddYears(-3)), TimeSpan.FromDays(3650));
        using X509Certificate2 expired = root.IssueSigningCertificate("Expired Signer", SigningAlgorithm.ES256, new SigningCertificateOptions { NotBefore = now.AddYears(-2), NotAfter = now.AddYears(-1) });
        using LocalSigner signer = LocalSigner.FromCertificate(expired);
        byte[] signed = await SignAsync("no_manifest.jpg", signer);
        var anchors = new VerificationOptions { TrustAnchors = TrustAnchorSet.FromCertificates([root.Certificate]) };
        AssertRefused(await ManifestVerifier.VerifyAsync(new MemoryStream(signed), anchors), StatusCodes.SigningCredentialExpired);

        // The attacker's own time-stamp authority says the signature was made while the certificate was valid.
        using X509Certificate2 tsa = Tampering.CreateTimeStampAuthority("Attacker TSA", now.AddYears(-3), now.AddYears(1));
        byte[] attacked = AddTimeStamp(signed, tsa, now.AddMonths(-18));

        ValidationReport report = await ManifestVerifier.VerifyAsync(new MemoryStream(attacked), anchors);
        AssertRefused(report, StatusCodes.SigningCredentialExpired);
        Assert.Contains(report.ActiveManifestResults.Success, s => s.Code == StatusCodes.TimeStampValidated);
        Assert.Contains(report.ActiveManifestResults.Informational, s => s.Code == StatusCodes.TimeStampUntrusted);
        AssertC2paRsRefuses(attacked, "image/jpeg", WritePem(root.Certificate));

        // Listing the attacker's self-signed authority as an anchor does not help it: a time-stamp authority is an end
        // entity issued by a CA (C2PA 2.2 §14.5.1), and its certificate has no authority key identifier.
        var listingTsa = new VerificationOptions { TrustAnchors = TrustAnchorSet.FromCertificates([root.Certificate, tsa]) };
        ValidationReport listed = await ManifestVerifier.VerifyAsync(new MemoryStream(attacked), listingTsa);
        AssertRefused(listed, StatusCodes.SigningCredentialExpired);
        Assert.Contains(listed.ActiveManifestResults.Informational, s => s.Code == StatusCodes.TimeStampUntrusted && s.Explanation!.Contains("self-signed", StringComparison.Ordinal));
        string bothPem = Path.Combine(TestPaths.NewTempDirectory(), "anchors.pem");
        File.WriteAllText(bothPem, root.Certificate.ExportCertificatePem() + "\n" + tsa.ExportCertificatePem());
        C2paRsReport theirs = C2paRs.Verify(WriteAsset(attacked, ".jpg"), "image/jpeg", bothPem);
        Assert.Equal("Invalid", theirs.ValidationState);

        // c2pa-rs files the authority's profile failure under the claim signer too (signingCredential.invalid, "certificate
        // params incorrect"); C2PA 2.2 §15.8 makes every time-stamp problem informational, so Provenance does not
        // (docs/conformance.md). Otherwise the same failures.
        Assert.Contains(StatusCodes.SigningCredentialInvalid, theirs.FailureCodes);
        Assert.Equal(
            theirs.FailureCodes.Where(c => c != StatusCodes.SigningCredentialInvalid).Distinct().Order(),
            listed.ActiveManifestResults.Failure.Select(f => f.Code).Distinct().Order());

        // Control: the same kind of token from an authority the verifier does trust (issued by a CA it lists) moves the
        // check to its time, so the refusals above are the untrusted authority's doing.
        using var honest = Cryptography.TestTimeStampAuthority.Create("Honest TSA", now.AddYears(-3), now.AddYears(1));
        byte[] honestlyStamped = AddTimeStamp(signed, honest.Certificate, now.AddMonths(-18));
        var trustingTsa = new VerificationOptions { TrustAnchors = TrustAnchorSet.FromCertificates([root.Certificate, honest.Root.Certificate]) };
        ValidationReport trusted = await ManifestVerifier.VerifyAsync(new MemoryStream(honestlyStamped), trustingTsa);
        Assert.Contains(trusted.ActiveManifestResults.Success, s => s.Code == StatusCodes.TimeStampTrusted);
        Assert.Empty(trusted.ActiveManifestResults.Failure);
        Assert.Equal(ValidationState.Trusted, trusted.State);
    }

    [Fact]
    public async Task Verify_CertificateChainOnlyInUnprotectedHeader_Refused()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        byte[] signed = await SignAsync("no_manifest.jpg", signer);
        await AssertTrustedAsync(signed);

        // A genuine signature by the same key, but the protected header names only the algorithm: the chain travels
        // unsigned, where anyone could swap in another certificate over the same key.
        var protectedWriter = new CborWriter();
        protectedWriter.WriteStartMap(1);
        protectedWriter.WriteInt64(CoseHeaderLabels.Algorithm);
        protectedWriter.WriteInt64(SigningAlgorithms.ToCoseAlgorithm(SigningAlgorithm.ES256));
        protectedWriter.WriteEndMap();
        byte[] protectedHeaders = protectedWriter.Encode();
        byte[] signature = await signer.SignAsync(SigStructure.ForSign1(protectedHeaders, Tampering.ClaimBytes(signed)));
        var unprotectedHeaders = new CborMap { { new CborInteger(CoseHeaderLabels.X5Chain), new CborByteString(signer.CertificateChain[0].RawData) } };
        byte[] attacked = Tampering.ReplaceCose(signed, protectedHeaders, unprotectedHeaders, signature);

        ValidationReport report = await VerifyAsync(attacked);
        AssertRefused(report, StatusCodes.ClaimSignatureMismatch);
        Assert.Contains(report.ActiveManifestResults.Failure, f => f.Explanation!.Contains("protected header", StringComparison.Ordinal));
        AssertC2paRsRefuses(attacked, "image/jpeg");
    }

    [Fact]
    public async Task Verify_SecondX5ChainUnderTheSameLabelUnprotected_Refused()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        byte[] signed = await SignAsync("no_manifest.jpg", signer);
        await AssertTrustedAsync(signed);

        // The signed chain stays; an unsigned second one under the same label 33 names another certificate. RFC 9052 §3
        // forbids a label in both buckets, and C2PA 2.2 §13.2.1 allows one credential.
        CoseSign1Message message = Tampering.FindCose(signed).Message;
        using LocalSigner other = TestSigners.Create(SigningAlgorithm.ES384);
        var unprotectedHeaders = new CborMap { { new CborInteger(CoseHeaderLabels.X5Chain), new CborByteString(other.CertificateChain[0].RawData) } };
        byte[] attacked = Tampering.ReplaceCose(signed, message.RawProtectedHeaders.ToArray(), unprotectedHeaders, message.Signature.ToArray());

        ValidationReport report = await VerifyAsync(attacked);
        AssertRefused(report, StatusCodes.ClaimSignatureMismatch);
        Assert.Contains(report.ActiveManifestResults.Failure, f => f.Explanation!.Contains("not a valid COSE_Sign1 message", StringComparison.Ordinal));

        // c2pa-rs reads the protected chain and looks for an unprotected one under the text label only, so it trusts
        // this file (docs/conformance.md): should that change, this line says so.
        Assert.Equal("Trusted", C2paRs.Verify(WriteAsset(attacked, ".jpg"), "image/jpeg", WritePem(TestSigners.Root.Certificate)).ValidationState);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Verify_SelfSignedEndEntityListedAsAnchor_SigningCredentialInvalid(bool withAuthorityKeyIdentifier)
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Self-made Signer, O=Attacker", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.4")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        if (withAuthorityKeyIdentifier)
        {
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(new X509SubjectKeyIdentifierExtension(request.PublicKey, false)));
        }

        using X509Certificate2 selfSigned = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        using LocalSigner signer = LocalSigner.FromCertificate(selfSigned);
        byte[] signed = await SignAsync("no_manifest.jpg", signer);
        string anchorPath = WritePem(selfSigned);

        ValidationReport report = await ManifestVerifier.VerifyAsync(new MemoryStream(signed), new VerificationOptions { TrustAnchors = TrustAnchorSet.FromPemFile(anchorPath) });

        AssertRefused(report, StatusCodes.SigningCredentialInvalid);
        Assert.Contains(report.ActiveManifestResults.Failure, f => f.Explanation!.Contains("self-signed", StringComparison.Ordinal));
        Assert.DoesNotContain(report.ActiveManifestResults.Success, s => s.Code == StatusCodes.SigningCredentialTrusted);
        if (withAuthorityKeyIdentifier)
        {
            // c2pa-rs refuses a self-signed end entity only through its missing AKI; with one it trusts it as its own
            // anchor. We do not (docs/conformance.md): should c2pa-rs change, this line says so.
            Assert.Equal("Trusted", C2paRs.Verify(WriteAsset(signed, ".jpg"), "image/jpeg", anchorPath).ValidationState);
        }
        else
        {
            AssertC2paRsRefuses(signed, "image/jpeg", anchorPath);
        }
    }

    [Fact]
    public async Task Verify_ServerAuthOnlyCertificate_SigningCredentialInvalid()
    {
        using X509Certificate2 tls = TestSigners.Root.IssueSigningCertificate("TLS Server", SigningAlgorithm.ES256, new SigningCertificateOptions { ExtendedKeyUsages = ["1.3.6.1.5.5.7.3.1"] });
        using LocalSigner signer = LocalSigner.FromCertificate(tls);
        byte[] signed = await SignAsync("no_manifest.jpg", signer);

        ValidationReport report = await VerifyAsync(signed);

        AssertRefused(report, StatusCodes.SigningCredentialInvalid);
        Assert.Contains(report.ActiveManifestResults.Failure, f => f.Explanation!.Contains("serverAuth", StringComparison.Ordinal));
        AssertC2paRsRefuses(signed, "image/jpeg");
    }

    private static byte[] AddTimeStamp(byte[] signed, X509Certificate2 tsa, DateTimeOffset time)
    {
        CoseSign1Message message = Tampering.FindCose(signed).Message;
        byte[] token = Tampering.ForgeTimeStampToken(message, tsa, time);
        var sigTst2 = new CborMap
        {
            { "tstTokens", new CborArray { new CborMap { { "val", new CborByteString(token) } } } },
        };
        var headers = new CborMap { { CoseHeaderLabels.SigTst2, sigTst2 } };
        return Tampering.ReplaceCose(signed, message.RawProtectedHeaders.ToArray(), headers, message.Signature.ToArray());
    }

    private static async Task<byte[]> SignWithAsync(string signedBy, string fixture, string mimeType)
    {
        if (signedBy == "provenance")
        {
            return await SignAsync(fixture);
        }

        string directory = TestPaths.NewTempDirectory();
        (string chain, string key, _) = TestSigners.WriteFiles(SigningAlgorithm.ES256, directory);
        string output = Path.Combine(directory, "signed" + Path.GetExtension(fixture));
        C2paRs.Sign(TestPaths.Fixture(fixture), output, mimeType, chain, key, "es256");
        return File.ReadAllBytes(output);
    }

    private static async Task<byte[]> SignAsync(string fixture, LocalSigner? signer = null)
    {
        using LocalSigner owned = TestSigners.Create(SigningAlgorithm.ES256);
        var builder = new ManifestBuilder { Title = fixture };
        using var output = new MemoryStream();
        await builder.SignAsync(new MemoryStream(File.ReadAllBytes(TestPaths.Fixture(fixture))), output, signer ?? owned, NoThumbnail);
        return output.ToArray();
    }

    private static Task<ValidationReport> VerifyAsync(byte[] asset)
        => ManifestVerifier.VerifyAsync(new MemoryStream(asset), new VerificationOptions { TrustAnchors = TestSigners.Anchors });

    private static Task<ValidationReport> VerifyFixtureAsync(byte[] asset)
        => ManifestVerifier.VerifyAsync(new MemoryStream(asset), new VerificationOptions { TrustAnchors = TrustAnchorSet.FromPemFile(TestPaths.Fixture("test_cert_root_bundle.pem")) });

    private static async Task AssertTrustedAsync(byte[] asset)
    {
        ValidationReport report = await VerifyAsync(asset);
        Assert.Empty(report.ActiveManifestResults.Failure);
        Assert.Equal(ValidationState.Trusted, report.State);
    }

    private static void AssertRefused(ValidationReport report, string expectedCode)
    {
        Assert.Equal(ValidationState.Invalid, report.State);
        Assert.Contains(report.ActiveManifestResults.Failure, f => f.Code == expectedCode);
    }

    private static void AssertC2paRsRefuses(byte[] asset, string mimeType, string? anchorsPath = null)
    {
        string path = WriteAsset(asset, mimeType == "image/png" ? ".png" : ".jpg");
        C2paRsReport report = C2paRs.Verify(path, mimeType, anchorsPath ?? WritePem(TestSigners.Root.Certificate));
        Assert.True(report.Error is not null || report.ValidationState == "Invalid", $"c2pa-rs said {report.ValidationState} with failures [{string.Join(", ", report.FailureCodes)}]");
    }

    private static string WriteAsset(byte[] asset, string extension)
    {
        string path = Path.Combine(TestPaths.NewTempDirectory(), "attacked" + extension);
        File.WriteAllBytes(path, asset);
        return path;
    }

    private static string WritePem(X509Certificate2 certificate)
    {
        string path = Path.Combine(TestPaths.NewTempDirectory(), "anchors.pem");
        File.WriteAllText(path, certificate.ExportCertificatePem());
        return path;
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
