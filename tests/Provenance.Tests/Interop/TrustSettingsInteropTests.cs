using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Provenance.Cryptography;
using Provenance.Validation;

namespace Provenance.Tests.Interop;

/// <summary>
/// One c2pa-rs settings file, read by both tools: the allowed list (C2PA 2.2 §14.4.3) and the EKU list
/// (<c>trust_config</c>) must give Provenance the verdict and the failure codes c2pa-rs gives.
/// </summary>
[Collection("c2pa-rs")]
public class TrustSettingsInteropTests
{
    // Microsoft's document-signing EKU: a usage real certificates carry that is not among c2pa-rs's defaults
    // (crypto/cose/valid_eku_oids.cfg). An OID under 2.999 (the example arc) would not do: c2pa-rs never matches one.
    private const string OwnEku = "1.3.6.1.4.1.311.10.3.12";
    private static readonly SigningOptions Unchecked = new() { Thumbnails = null, VerifyAfterSign = false };

    [Theory]
    [InlineData("pem")]
    [InlineData("hash")]
    public async Task Signer_OnAllowedListWithoutAnchors_TrustedByBoth(string form)
    {
        using X509Certificate2 certificate = TestSigners.Root.IssueSigningCertificate("Allowed Signer", SigningAlgorithm.ES256);
        string allowed = form == "pem" ? certificate.ExportCertificatePem() : AllowedSignerList.GetHash(certificate);
        string asset = await SignAsync(certificate);

        (ValidationReport ours, C2paRsReport theirs) = await VerifyBothAsync(asset, new { allowed_list = allowed });

        Assert.Equal("Trusted", theirs.ValidationState);
        Assert.Equal(ValidationState.Trusted, ours.State);
        AssertSameFailures(theirs, ours);
        Assert.Contains(ours.ActiveManifestResults.Success, s => s.Code == StatusCodes.SigningCredentialTrusted && s.Explanation!.Contains("allowed list", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Signer_AllowedListNamesAnotherCertificate_UntrustedByBoth()
    {
        // The attack: the list holds the hash of another certificate (same issuer, same name, same organization).
        using X509Certificate2 listed = TestSigners.Root.IssueSigningCertificate("Signer", SigningAlgorithm.ES256);
        using X509Certificate2 signer = TestSigners.Root.IssueSigningCertificate("Signer", SigningAlgorithm.ES256);
        string asset = await SignAsync(signer);

        (ValidationReport ours, C2paRsReport theirs) = await VerifyBothAsync(asset, new { allowed_list = AllowedSignerList.GetHash(listed) });

        Assert.Equal("Valid", theirs.ValidationState);
        Assert.Equal(ValidationState.Valid, ours.State);
        Assert.Equal([StatusCodes.SigningCredentialUntrusted], theirs.FailureCodes);
        AssertSameFailures(theirs, ours);
    }

    [Fact]
    public async Task Signer_WithoutC2paSigningEku_InvalidForBoth()
    {
        using X509Certificate2 certificate = TestSigners.Root.IssueSigningCertificate("Own EKU", SigningAlgorithm.ES256, new SigningCertificateOptions { ExtendedKeyUsages = [OwnEku] });
        string asset = await SignAsync(certificate);

        (ValidationReport ours, C2paRsReport theirs) = await VerifyBothAsync(asset, new { trust_anchors = TestSigners.Root.ExportCertificatePem() });

        Assert.Equal("Invalid", theirs.ValidationState);
        Assert.Equal(ValidationState.Invalid, ours.State);
        Assert.Contains(StatusCodes.SigningCredentialInvalid, theirs.FailureCodes);
        AssertSameFailures(theirs, ours);
    }

    [Fact]
    public async Task Signer_EkuInTrustConfig_TrustedByBoth()
    {
        using X509Certificate2 certificate = TestSigners.Root.IssueSigningCertificate("Own EKU", SigningAlgorithm.ES256, new SigningCertificateOptions { ExtendedKeyUsages = [OwnEku] });
        string asset = await SignAsync(certificate);

        (ValidationReport ours, C2paRsReport theirs) = await VerifyBothAsync(asset, new { trust_anchors = TestSigners.Root.ExportCertificatePem(), trust_config = $"// our own usage\n{OwnEku}\n" });

        Assert.Equal("Trusted", theirs.ValidationState);
        Assert.Equal(ValidationState.Trusted, ours.State);
        AssertSameFailures(theirs, ours);
    }

    [Fact]
    public async Task Signer_OnAllowedListWithEkuNotInTrustConfig_InvalidForBoth()
    {
        // The allowed list vouches for who signed, not for what the certificate may be used for.
        using X509Certificate2 certificate = TestSigners.Root.IssueSigningCertificate("Own EKU", SigningAlgorithm.ES256, new SigningCertificateOptions { ExtendedKeyUsages = [OwnEku] });
        string allowed = certificate.ExportCertificatePem();
        string asset = await SignAsync(certificate);

        (ValidationReport ours, C2paRsReport theirs) = await VerifyBothAsync(asset, new { allowed_list = allowed });

        Assert.Equal("Invalid", theirs.ValidationState);
        Assert.Equal(ValidationState.Invalid, ours.State);
        Assert.Contains(StatusCodes.SigningCredentialInvalid, theirs.FailureCodes);
        Assert.Contains(StatusCodes.SigningCredentialInvalid, ours.ActiveManifestResults.Failure.Select(f => f.Code));
    }

    [Fact]
    public async Task Signer_UnderAnIntermediateThatIsTheOnlyAnchor_TrustedByBoth()
    {
        // C2PA 2.2 §14.4.1 lets a trust list hold intermediates; c2pa-rs ends the path at the first certificate an
        // anchor issued (OpenSSL's partial chains), and so does Provenance.
        using CertificateAuthority intermediate = TestSigners.Root.CreateIntermediate("Listed Intermediate");
        using X509Certificate2 certificate = intermediate.IssueSigningCertificate("Signer", SigningAlgorithm.ES256);
        string asset = await SignAsync(certificate, intermediate.Certificate);

        (ValidationReport ours, C2paRsReport theirs) = await VerifyBothAsync(asset, new { trust_anchors = intermediate.ExportCertificatePem() });

        Assert.Equal("Trusted", theirs.ValidationState);
        Assert.Equal(ValidationState.Trusted, ours.State);
        AssertSameFailures(theirs, ours);
    }

    [Fact]
    public async Task Signer_IssuedByAListedSigningCertificate_UntrustedByBoth()
    {
        // The attack: a signing certificate on the trust list (an end entity: cA false, no keyCertSign) issues another.
        // RFC 5280 §6.1 takes an anchor as a name and a key, but a certificate that says it is no CA must not become one
        // by being listed (§4.2.1.9): Provenance holds the path to the anchor certificate's own constraints, as OpenSSL
        // does, and calls the signer untrusted. c2pa-rs refuses it too, and more: its profile check of the x5chain
        // wants every certificate after the signer to be a CA, so it also reports the credential invalid.
        using X509Certificate2 listed = TestSigners.Root.IssueSigningCertificate("Listed Signer", SigningAlgorithm.ES256);
        using X509Certificate2 certificate = IssueWith(listed, "Signer Issued by a Signer");
        string asset = await SignAsync(certificate, listed);

        (ValidationReport ours, C2paRsReport theirs) = await VerifyBothAsync(asset, new { trust_anchors = listed.ExportCertificatePem() });

        Assert.Equal("Invalid", theirs.ValidationState);
        Assert.Equal([StatusCodes.SigningCredentialInvalid, StatusCodes.SigningCredentialUntrusted], theirs.FailureCodes.Distinct().Order());
        Assert.Equal(ValidationState.Valid, ours.State);
        ValidationStatus untrusted = Assert.Single(ours.ActiveManifestResults.Failure);
        Assert.Equal(StatusCodes.SigningCredentialUntrusted, untrusted.Code);
        Assert.Contains("is not a certificate authority", untrusted.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signer_UnderAnIntermediateWithABerBoolean_UntrustedByBoth()
    {
        // The x5chain's intermediate with its basic-constraints critical flag written 7B (true in BER) instead of FF:
        // the same content, not the bytes the root signed. Both check the signature over the bytes.
        using CertificateAuthority intermediate = TestSigners.Root.CreateIntermediate("Re-encoded Intermediate");
        using X509Certificate2 certificate = intermediate.IssueSigningCertificate("Signer", SigningAlgorithm.ES256);
        using X509Certificate2 reencoded = Cryptography.MalformedCertificates.WithBerCriticalFlag(intermediate.Certificate);
        string asset = await SignAsync(certificate, reencoded);

        (ValidationReport ours, C2paRsReport theirs) = await VerifyBothAsync(asset, new { trust_anchors = TestSigners.Root.ExportCertificatePem() });

        Assert.Equal("Valid", theirs.ValidationState);
        Assert.Equal([StatusCodes.SigningCredentialUntrusted], theirs.FailureCodes);
        Assert.Equal(ValidationState.Valid, ours.State);
        AssertSameFailures(theirs, ours);
    }

    [Fact]
    public async Task Signer_WithSixteenIntermediatesOfOneName_AnsweredQuicklyAndUntrustedByBoth()
    {
        // The attack on path building: the signer's own x5chain carries sixteen CA certificates of one name, each issued
        // by the one before, shuffled, none reaching an anchor. A search over their orders would not end.
        var authorities = new List<CertificateAuthority> { CertificateAuthority.CreateRoot("Loop") };
        for (int i = 1; i < 16; i++)
        {
            authorities.Add(authorities[^1].CreateIntermediate("Loop"));
        }

        try
        {
            using X509Certificate2 certificate = authorities[^1].IssueSigningCertificate("Signer", SigningAlgorithm.ES256);
            X509Certificate2[] shuffled = [.. authorities.Select(a => a.Certificate).OrderBy(c => c.Thumbprint, StringComparer.Ordinal)];
            string asset = await SignAsync(certificate, shuffled);
            var watch = System.Diagnostics.Stopwatch.StartNew();

            (ValidationReport ours, C2paRsReport theirs) = await VerifyBothAsync(asset, new { trust_anchors = TestSigners.Root.ExportCertificatePem() });

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"both verifications took {watch.Elapsed}");
            Assert.Equal("Valid", theirs.ValidationState);
            Assert.Equal([StatusCodes.SigningCredentialUntrusted], theirs.FailureCodes);
            Assert.Equal(ValidationState.Valid, ours.State);
            AssertSameFailures(theirs, ours);
        }
        finally
        {
            authorities.ForEach(a => a.Dispose());
        }
    }

    // A C2PA signing certificate issued by another end entity's key, as if that one were a CA.
    private static X509Certificate2 IssueWith(X509Certificate2 issuer, string commonName)
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}, O=Provenance Tests", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new System.Security.Cryptography.Oid("1.3.6.1.4.1.62558.2.1")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        using System.Security.Cryptography.ECDsa issuerKey = issuer.GetECDsaPrivateKey()!;
        using X509Certificate2 issued = request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey), DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(30), [0x01, 0x02, 0x03, 0x04]);
        return issued.CopyWithPrivateKey(key);
    }

    // Signs without reading the output back: a signer the profile refuses is what some of these tests are about.
    // The LocalSigner disposes the certificate it was made from.
    private static Task<string> SignAsync(X509Certificate2 certificate, X509Certificate2? intermediate = null)
        => SignAsync(certificate, intermediate is null ? [] : [intermediate]);

    [Fact]
    public async Task Signer_WithAForgedCertificateSignature_AfterTheGenuineWasTrusted_UntrustedByBoth()
    {
        // Trusted chains are kept per anchor set (ValidatedChains), keyed by the certificates' bytes: a signer certificate
        // whose issuer's signature differs by one bit, verified with the same anchors just after the genuine one, is
        // validated afresh and refused.
        using X509Certificate2 genuine = TestSigners.Root.IssueSigningCertificate("Kept Signer", SigningAlgorithm.ES256);
        byte[] forgedDer = genuine.RawData;
        forgedDer[^3] ^= 0x01; // inside the signature's last INTEGER: still DER, no longer the root's signature
        using System.Security.Cryptography.ECDsa key = genuine.GetECDsaPrivateKey()!;
        using X509Certificate2 forgedPublic = X509CertificateLoader.LoadCertificate(forgedDer);
        using X509Certificate2 forged = forgedPublic.CopyWithPrivateKey(key);
        string genuineAsset = await SignAsync(genuine);
        string forgedAsset = await SignAsync(forged);
        var options = new VerificationOptions { TrustAnchors = TestSigners.Anchors };

        ValidationReport first = await ManifestVerifier.VerifyFileAsync(genuineAsset, options);
        ValidationReport ours = await ManifestVerifier.VerifyFileAsync(forgedAsset, options);
        (_, C2paRsReport theirs) = await VerifyBothAsync(forgedAsset, new { trust_anchors = TestSigners.Root.ExportCertificatePem() });

        Assert.Equal(ValidationState.Trusted, first.State);
        Assert.Equal(ValidationState.Valid, ours.State);
        Assert.Equal([StatusCodes.SigningCredentialUntrusted], ours.ActiveManifestResults.Failure.Select(f => f.Code));
        Assert.True(theirs.ValidationState == "Valid", $"c2pa-rs: {theirs.ValidationState} [{string.Join(", ", theirs.FailureCodes)}]");
        AssertSameFailures(theirs, ours);
    }

    private static async Task<string> SignAsync(X509Certificate2 certificate, IReadOnlyList<X509Certificate2> intermediates)
    {
        string path = Path.Combine(TestPaths.NewTempDirectory(), "signed.jpg");
        using LocalSigner signer = LocalSigner.FromCertificate(certificate, intermediates);
        await new ManifestBuilder().SignFileAsync(TestPaths.Fixture("no_manifest.jpg"), path, signer, Unchecked);
        return path;
    }

    private static async Task<(ValidationReport Ours, C2paRsReport Theirs)> VerifyBothAsync(string asset, object trust)
    {
        string settings = Path.Combine(Path.GetDirectoryName(asset)!, "settings.json");
        File.WriteAllText(settings, JsonSerializer.Serialize(new { trust, verify = new { verify_trust = true } }));
        VerificationOptions options = TrustSettings.FromJsonFile(settings).ApplyTo(VerificationOptions.Default);
        ValidationReport ours = await ManifestVerifier.VerifyFileAsync(asset, options);
        C2paRsReport theirs = C2paRs.VerifyWithSettings(asset, "image/jpeg", settings);
        Assert.True(theirs.Error is null, theirs.Error);
        return (ours, theirs);
    }

    private static void AssertSameFailures(C2paRsReport theirs, ValidationReport ours)
        => Assert.Equal(theirs.FailureCodes.Distinct().Order(), ours.ActiveManifestResults.Failure.Select(f => f.Code).Distinct().Order());
}
