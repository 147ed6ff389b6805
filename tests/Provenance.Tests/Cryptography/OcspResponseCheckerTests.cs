using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Ocsp;
using Provenance.Cryptography;

namespace Provenance.Tests.Cryptography;

/// <summary>
/// The offline check of an OCSP response (RFC 6960; C2PA 2.2 §15.9), on responses made by <c>openssl ocsp</c> from an
/// index of issued certificates, and on attackers' variations of them.
/// </summary>
public sealed class OcspResponseCheckerTests : IClassFixture<OcspResponseCheckerTests.Pki>
{
    private readonly Pki _pki;

    public OcspResponseCheckerTests(Pki pki) => _pki = pki;

    private X509Certificate2 Issuer => _pki.Authority.Issuing.Certificate;

    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    [Fact]
    public void Check_GoodResponseFromDelegatedResponder_IsNotRevoked()
    {
        OcspCheck check = OcspResponseChecker.Check(_pki.GoodResponse, _pki.Good, Issuer, null, Now);

        Assert.Equal(OcspVerdict.NotRevoked, check.Verdict);
    }

    [Fact]
    public void Check_RevokedCertificate_IsRevoked()
    {
        OcspCheck check = OcspResponseChecker.Check(_pki.RevokedResponse, _pki.Revoked, Issuer, null, Now);

        Assert.Equal(OcspVerdict.Revoked, check.Verdict);
        Assert.Contains("revoked", check.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_CertificateNotInTheIndex_IsUnknown()
    {
        using X509Certificate2 stranger = _pki.Authority.IssueCertificate("OCSP Test Unlisted", recordInIndex: false);

        OcspCheck check = OcspResponseChecker.Check(_pki.Authority.Respond(stranger), stranger, Issuer, null, Now);

        Assert.Equal(OcspVerdict.Unknown, check.Verdict);
    }

    [Fact]
    public void Check_GoodResponseAboutAnotherCertificate_IsUnusable()
    {
        // RFC 6960 §4.1.1: the CertID names the certificate; a valid "good" about another one says nothing of this one.
        OcspCheck check = OcspResponseChecker.Check(_pki.GoodResponse, _pki.Revoked, Issuer, null, Now);

        Assert.Equal(OcspVerdict.Unusable, check.Verdict);
        Assert.Contains("another certificate", check.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SignedByAResponderOfAnotherCa_IsUnusable()
    {
        // The attacker's own CA issues an OCSP-signing certificate and answers "good" for the revoked certificate.
        using var rogue = CertificateAuthority.CreateRoot("Rogue CA");
        using X509Certificate2 rogueResponder = rogue.IssueSigningCertificate("Rogue OCSP Responder", SigningAlgorithm.ES256, new SigningCertificateOptions { ExtendedKeyUsages = [OcspTestAuthority.OcspSigningEku] });
        byte[] forged = _pki.RespondAs(_pki.Good, rogueResponder);

        OcspCheck check = OcspResponseChecker.Check(forged, _pki.Good, Issuer, null, Now);

        Assert.Equal(OcspVerdict.Unusable, check.Verdict);
        Assert.Contains("did not issue", check.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SignedByACertificateOfTheIssuerWithoutOcspSigning_IsUnusable()
    {
        // Issued by the right CA, but for claim signing: RFC 6960 §4.2.2.2 wants id-kp-OCSPSigning.
        using X509Certificate2 sibling = _pki.Authority.IssueCertificate("OCSP Test Sibling", recordInIndex: false);
        byte[] forged = _pki.RespondAs(_pki.Good, sibling);

        OcspCheck check = OcspResponseChecker.Check(forged, _pki.Good, Issuer, null, Now);

        Assert.Equal(OcspVerdict.Unusable, check.Verdict);
        Assert.Contains("OCSP-signing", check.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(MalformedCertificates.Parts), MemberType = typeof(MalformedCertificates))]
    public void Check_DelegatedResponderCertificateMalformed_IsUnusableNotAnException(string part)
    {
        // A responder the issuer did delegate to, but with an extension or a name that does not decode: read late, it
        // would fail the delegation checks with the runtime's exception.
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using ECDsa issuerKey = Issuer.GetECDsaPrivateKey()!;
        using X509Certificate2 responder = MalformedCertificates.Create(
            part, "OCSP Test Malformed Responder", key, Issuer.SubjectName, issuerKey,
            [
                new X509BasicConstraintsExtension(false, false, 0, true),
                new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true),
                new X509EnhancedKeyUsageExtension([new Oid(OcspTestAuthority.OcspSigningEku)], false),
            ]);
        string name = Guid.NewGuid().ToString("N");
        string certificatePath = Path.Combine(_pki.Authority.Directory, name + ".pem");
        string keyPath = Path.Combine(_pki.Authority.Directory, name + ".key");
        File.WriteAllText(certificatePath, responder.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        byte[] response = _pki.Authority.Respond(_pki.Good, certificatePath, keyPath);

        OcspCheck check = OcspResponseChecker.Check(response, _pki.Good, Issuer, null, Now);

        Assert.Equal(OcspVerdict.Unusable, check.Verdict);
    }

    [Fact]
    public void Check_SignedByTheIssuerItselfWithoutCertificates_IsNotRevoked()
    {
        // RFC 6960 §4.2.2.2: the CA that issued the certificate may sign; the response then need not carry a certificate.
        string key = Path.Combine(_pki.Authority.Directory, "issuing.key");
        File.WriteAllText(key, _pki.Authority.Issuing.ExportPrivateKeyPem());
        string output = Path.Combine(_pki.Authority.Directory, "by-issuer.der");
        string certificate = Path.Combine(_pki.Authority.Directory, "good.pem");
        File.WriteAllText(certificate, _pki.Good.ExportCertificatePem());
        OcspTestAuthority.RunOpenSsl(
            "ocsp", "-index", Path.Combine(_pki.Authority.Directory, "index.txt"), "-CA", _pki.Authority.IssuingPath, "-rsigner", _pki.Authority.IssuingPath,
            "-rkey", key, "-resp_no_certs", "-issuer", _pki.Authority.IssuingPath, "-cert", certificate, "-ndays", "1", "-respout", output, "-noverify");

        OcspCheck check = OcspResponseChecker.Check(File.ReadAllBytes(output), _pki.Good, Issuer, null, Now);

        Assert.Equal(OcspVerdict.NotRevoked, check.Verdict);
    }

    [Fact]
    public void Check_StaleResponseWithoutTrustedTime_IsUnusable()
    {
        // openssl's nextUpdate is a day after thisUpdate: two days later, with no time-stamp to date the signature, it is stale.
        OcspCheck check = OcspResponseChecker.Check(_pki.GoodResponse, _pki.Good, Issuer, null, Now.AddDays(2));

        Assert.Equal(OcspVerdict.Unusable, check.Verdict);
        Assert.Contains("stale", check.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_StaleResponseCoveringTheTrustedTimeOfSigning_IsNotRevoked()
    {
        // A response stapled at signing keeps vouching for the time of signing, whenever the file is verified.
        OcspCheck check = OcspResponseChecker.Check(_pki.GoodResponse, _pki.Good, Issuer, Now.AddHours(1), Now.AddDays(30));

        Assert.Equal(OcspVerdict.NotRevoked, check.Verdict);
    }

    [Fact]
    public void Check_TrustedTimeOfSigningAfterNextUpdate_IsUnusable()
    {
        OcspCheck check = OcspResponseChecker.Check(_pki.GoodResponse, _pki.Good, Issuer, Now.AddDays(3), Now.AddDays(3));

        Assert.Equal(OcspVerdict.Unusable, check.Verdict);
    }

    [Fact]
    public void Check_ResponderClockAFewSecondsAhead_IsAccepted()
    {
        // A response fetched now is dated to the responder's second; its clock and ours differ by a little.
        OcspCheck check = OcspResponseChecker.Check(_pki.GoodResponse, _pki.Good, Issuer, null, Now.AddSeconds(-30));

        Assert.Equal(OcspVerdict.NotRevoked, check.Verdict);
    }

    [Fact]
    public void Check_ResponseFromTheFuture_IsUnusable()
    {
        OcspCheck check = OcspResponseChecker.Check(_pki.GoodResponse, _pki.Good, Issuer, null, Now.AddDays(-1));

        Assert.Equal(OcspVerdict.Unusable, check.Verdict);
    }

    [Theory]
    [InlineData("superseded", false)]
    [InlineData("cessationOfOperation", false)]
    [InlineData("keyCompromise", true)]
    public void Check_RevokedAfterTheTrustedTimeOfSigning_DependsOnTheReason(string reason, bool keyLost)
    {
        using X509Certificate2 certificate = _pki.Authority.IssueCertificate($"OCSP Test Revoked Later {reason}");
        _pki.Authority.Revoke(certificate, Now.AddMinutes(-5), reason);
        byte[] response = _pki.Authority.Respond(certificate);

        OcspCheck signedBefore = OcspResponseChecker.Check(response, certificate, Issuer, Now.AddHours(-1), Now);
        OcspCheck signedAfter = OcspResponseChecker.Check(response, certificate, Issuer, Now.AddMinutes(-1), Now);

        Assert.Equal(keyLost ? OcspVerdict.Revoked : OcspVerdict.NotRevoked, signedBefore.Verdict);
        Assert.Equal(OcspVerdict.Revoked, signedAfter.Verdict);
    }

    [Fact]
    public void Check_NextUpdateMovedAYearLater_IsUnusable()
    {
        // The attacker keeps a good response fresh by editing its nextUpdate (GeneralizedTime digits, RFC 6960 §4.2.1).
        byte[] tampered = (byte[])_pki.GoodResponse.Clone();
        DateTime nextUpdate = ((BasicOcspResp)new OcspResp(tampered).GetResponseObject()).Responses[0].NextUpdate!.Value;
        byte[] digits = System.Text.Encoding.ASCII.GetBytes(nextUpdate.ToString("yyyyMMddHHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        int at = tampered.AsSpan().LastIndexOf(digits);
        Assert.True(at > 0);
        tampered[at + 3]++;

        OcspCheck check = OcspResponseChecker.Check(tampered, _pki.Good, Issuer, null, Now.AddDays(2));

        Assert.Equal(OcspVerdict.Unusable, check.Verdict);
        Assert.Contains("signature", check.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_EveryByteFlipped_NeverNotRevokedAndNeverThrows()
    {
        byte[] response = _pki.GoodResponse;
        for (int i = 0; i < response.Length; i++)
        {
            foreach (byte mask in new byte[] { 0x01, 0x80 })
            {
                byte[] flipped = (byte[])response.Clone();
                flipped[i] ^= mask;

                OcspCheck check = OcspResponseChecker.Check(flipped, _pki.Good, Issuer, null, Now);

                Assert.True(check.Verdict != OcspVerdict.NotRevoked, $"byte {i} ^ 0x{mask:X2} still reads as not revoked");
            }
        }
    }

    [Fact]
    public void Check_TruncatedOrEmpty_IsUnusable()
    {
        Assert.Equal(OcspVerdict.Unusable, OcspResponseChecker.Check(ReadOnlyMemory<byte>.Empty, _pki.Good, Issuer, null, Now).Verdict);
        Assert.Equal(OcspVerdict.Unusable, OcspResponseChecker.Check(_pki.GoodResponse.AsMemory(0, _pki.GoodResponse.Length - 1), _pki.Good, Issuer, null, Now).Verdict);
        Assert.Equal(OcspVerdict.Unusable, OcspResponseChecker.Check((byte[])[.. _pki.GoodResponse, 0], _pki.Good, Issuer, null, Now).Verdict);
    }

    [Fact]
    public void Check_ResponderSaysTryLater_IsUnusable()
    {
        byte[] tryLater = new OCSPRespGenerator().Generate(OcspRespStatus.TryLater, null).GetEncoded();

        OcspCheck check = OcspResponseChecker.Check(tryLater, _pki.Good, Issuer, null, Now);

        Assert.Equal(OcspVerdict.Unusable, check.Verdict);
        Assert.Contains("tryLater", check.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void FindIssuer_LookAlikeWithTheIssuersNameButAnotherKey_IsNotTaken()
    {
        // An x5chain could carry a certificate named like the issuer, so that its own responder vouches for the signer.
        using var lookAlike = CertificateAuthority.CreateRoot("OCSP Test Issuing CA");
        Assert.Equal(Issuer.SubjectName.Name, lookAlike.Certificate.SubjectName.Name);

        Assert.Null(OcspResponseChecker.FindIssuer(_pki.Good, [lookAlike.Certificate]));
        Assert.Same(Issuer, OcspResponseChecker.FindIssuer(_pki.Good, [lookAlike.Certificate, Issuer]));
    }

    [Fact]
    public void ResponderUris_CertificateWithAia_NamesTheResponder()
    {
        Assert.Equal([_pki.Authority.ResponderUri], OcspRequests.ResponderUris(_pki.Good));
        Assert.Empty(OcspRequests.ResponderUris(Issuer));
    }

    /// <summary>One PKI for the class: a good and a revoked signer, and openssl's responses about them.</summary>
    public sealed class Pki : IDisposable
    {
        public Pki()
        {
            Authority = new OcspTestAuthority();
            Good = Authority.IssueCertificate("OCSP Test Good Signer");
            Revoked = Authority.IssueCertificate("OCSP Test Revoked Signer");
            Authority.Revoke(Revoked, DateTimeOffset.UtcNow.AddMinutes(-10), "keyCompromise");
            GoodResponse = Authority.Respond(Good);
            RevokedResponse = Authority.Respond(Revoked);
        }

        internal OcspTestAuthority Authority { get; }

        public X509Certificate2 Good { get; }

        public X509Certificate2 Revoked { get; }

        public byte[] GoodResponse { get; }

        public byte[] RevokedResponse { get; }

        /// <summary>openssl's answer about <paramref name="certificate"/>, signed by <paramref name="responder"/> (any key).</summary>
        public byte[] RespondAs(X509Certificate2 certificate, X509Certificate2 responder)
        {
            string name = Guid.NewGuid().ToString("N");
            string certificatePath = Path.Combine(Authority.Directory, name + ".pem");
            string keyPath = Path.Combine(Authority.Directory, name + ".key");
            OcspTestAuthority.WriteCredential(responder, certificatePath, keyPath);
            return Authority.Respond(certificate, certificatePath, keyPath);
        }

        public void Dispose()
        {
            Good.Dispose();
            Revoked.Dispose();
            Authority.Dispose();
        }
    }
}
