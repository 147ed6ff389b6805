using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Provenance.Cbor;
using Provenance.Cose;
using Provenance.Cryptography;
using Provenance.Tests.Cryptography;
using Provenance.Tests.Validation.Identity;
using Provenance.Validation;
using Provenance.Validation.Identity;

namespace Provenance.Tests.Validation;

/// <summary>
/// A certificate whose extension or name does not decode, in the places other than the claim's x5chain where the
/// verifier reads certificates: the time-stamp token's SignedData and a CAWG X.509 identity credential (the OCSP
/// responder's is in <see cref="Cryptography.OcspResponseCheckerTests"/>). Each is reported as a status, never as the
/// runtime's exception from a part decoded late (as the x5chain's once was: CertificateContent).
/// </summary>
public sealed class MalformedCertificatePlacesTests
{
    private const string TimeStamping = "1.3.6.1.5.5.7.3.8";

    [Theory]
    [MemberData(nameof(MalformedCertificates.Parts), MemberType = typeof(MalformedCertificates))]
    public async Task Verify_TimeStampAuthorityCertificateMalformed_TimeStampMalformedNotAnException(string part)
    {
        byte[] signed = await SignAsync();
        CoseSign1Message message = Tampering.FindCose(signed).Message;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        X509Extension[] extensions =
        [
            new X509BasicConstraintsExtension(false, false, 0, true),
            new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true),
            new X509EnhancedKeyUsageExtension([new Oid(TimeStamping)], true),
        ];
        byte[] serial = [0x42, 0x17];
        using X509Certificate2 tsa = MalformedCertificates.Create(MalformedCertificates.Request(part, "Malformed TSA", key, extensions), key, null, null, serial);

        // The runtime's CMS signer reads the key usage of the certificate it signs with: a well-formed twin (the same
        // name, serial number and key) signs, and the token carries the malformed one.
        var twinRequest = new CertificateRequest(tsa.SubjectName, key, HashAlgorithmName.SHA256);
        Array.ForEach(extensions, twinRequest.CertificateExtensions.Add);
        using X509Certificate2 twin = MalformedCertificates.Create(twinRequest, key, null, null, serial);
        byte[] token = Tampering.ForgeTimeStampToken(message, twin, DateTimeOffset.UtcNow, key, carried: tsa);
        var headers = new CborMap { { CoseHeaderLabels.SigTst2, new CborMap { { "tstTokens", new CborArray { new CborMap { { "val", new CborByteString(token) } } } } } } };
        byte[] stamped = Tampering.ReplaceCose(signed, message.RawProtectedHeaders.ToArray(), headers, message.Signature.ToArray());
        // The authority is its own anchor here, so that only the malformed part can keep it from being trusted.
        var options = new VerificationOptions { TrustAnchors = TestSigners.Anchors, TimeStampTrustAnchors = TrustAnchorSet.FromCertificates([tsa]) };

        ValidationReport report = await ManifestVerifier.VerifyAsync(new MemoryStream(stamped), options);

        // Refused as malformed: by the runtime's token decoder when it reads the part itself (the extended key usage,
        // RFC 3161 §2.3), else where the authority's certificate is judged.
        Assert.Contains(report.ActiveManifestResults.Informational, s => s.Code == StatusCodes.TimeStampMalformed);
        Assert.DoesNotContain(report.ActiveManifestResults.Success, s => s.Code == StatusCodes.TimeStampTrusted);
        Assert.Null(report.Active!.Signature!.Time);
    }

    [Theory]
    [MemberData(nameof(MalformedCertificates.Parts), MemberType = typeof(MalformedCertificates))]
    public void Verify_IdentityCredentialMalformed_CredentialInvalidNotAnException(string part)
    {
        IdentityAssertion original = IdentityAssertion.Decode(CawgFixture.AssertionContent(CawgFixture.Bytes()));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using X509Certificate2 credential = MalformedCertificates.Create(part, "Malformed identity", key, extensions: [new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true)]);
        byte[] protectedHeaders = CoseSign1Writer.EncodeProtectedHeaders(SigningAlgorithm.ES256, [credential]);
        byte[] signature = key.SignData(original.SignerPayload.EncodedBytes.Span, HashAlgorithmName.SHA256);
        IdentityAssertion assertion = IdentityAssertion.Decode(IdentityAssertions.WithSignature(original, IdentityAssertions.Sign1(protectedHeaders, signature)));
        var log = new StatusLog();

        X509IdentityVerifier.Result result = X509IdentityVerifier.Verify(assertion, new VerificationOptions { IdentityTrustAnchors = TrustAnchorSet.FromCertificates([credential]) }, log, "self#jumbf=/c2pa/test/c2pa.assertions/cawg.identity");

        Assert.False(result.Trusted);
        Assert.Contains(log.Failure, f => f.Code == StatusCodes.CawgX509CredentialInvalid && f.Explanation!.Contains("malformed", StringComparison.Ordinal));
    }

    private static async Task<byte[]> SignAsync()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        using var output = new MemoryStream();
        await new ManifestBuilder().SetTitle("malformed certificates").SignAsync(new MemoryStream(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg"))), output, signer, new SigningOptions { Thumbnails = null });
        return output.ToArray();
    }
}
