using System.Formats.Cbor;
using System.Security.Cryptography.X509Certificates;
using Provenance.Cbor;
using Provenance.Cose;
using Provenance.Cryptography;
using Provenance.Validation;
using Provenance.Validation.Identity;

namespace Provenance.Tests.Validation.Identity;

/// <summary>
/// The cawg.x509.cose signature of C_with_CAWG_data.jpg's identity assertion, checked on its own (CAWG Identity
/// Assertion 1.x, "Validating the COSE signature"), with the credential swapped or the assertion re-signed by an attacker.
/// </summary>
public class X509IdentityVerifierTests
{
    private const string Url = "self#jumbf=/c2pa/test/c2pa.assertions/cawg.identity";

    private static VerificationOptions Options(TrustAnchorSet identityAnchors) => new() { IdentityTrustAnchors = identityAnchors };

    private static TrustAnchorSet Bundle => TrustAnchorSet.FromPemFile(CawgFixture.RootBundle);

    [Fact]
    public void Verify_FixtureSignature_ValidAndTrustedByItsRoot()
    {
        IdentityAssertion assertion = IdentityAssertion.Decode(CawgFixture.AssertionContent(CawgFixture.Bytes()));
        var log = new StatusLog();

        X509IdentityVerifier.Result result = X509IdentityVerifier.Verify(assertion, Options(Bundle), log, Url);

        Assert.True(result.SignatureValid);
        Assert.True(result.Trusted);
        Assert.Empty(log.Failure);
        Assert.Equal([StatusCodes.CawgX509CredentialTrusted, StatusCodes.CawgX509SignatureValidated], log.Success.Select(s => s.Code));
    }

    [Fact]
    public void Verify_X5ChainSwappedForAnotherCertificate_SignatureMismatch()
    {
        // The attacker keeps the signature but names another credential: a trusted one, even.
        IdentityAssertion original = IdentityAssertion.Decode(CawgFixture.AssertionContent(CawgFixture.Bytes()));
        CoseSign1Message message = CoseSign1Message.Decode(original.Signature);
        using LocalSigner other = TestSigners.Create(SigningAlgorithm.ES256);
        byte[] swapped = IdentityAssertions.Sign1(CoseSign1Writer.EncodeProtectedHeaders(SigningAlgorithm.Ed25519, other.CertificateChain), message.Signature.ToArray());
        IdentityAssertion assertion = IdentityAssertion.Decode(IdentityAssertions.WithSignature(original, swapped));
        var log = new StatusLog();

        X509IdentityVerifier.Result result = X509IdentityVerifier.Verify(assertion, Options(TestSigners.Anchors), log, Url);

        Assert.False(result.SignatureValid);
        Assert.Contains(log.Failure, f => f.Code == StatusCodes.CawgX509SignatureMismatch);
        Assert.DoesNotContain(log.Success, s => s.Code == StatusCodes.CawgX509SignatureValidated);
    }

    [Fact]
    public async Task Verify_ResignedByAttackerCredential_ValidButUntrusted()
    {
        // The attacker signs the same signer payload with a credential of their own: the signature holds, but the
        // credential chains to no identity anchor (the fixture's roots are the identity anchors here).
        IdentityAssertion original = IdentityAssertion.Decode(CawgFixture.AssertionContent(CawgFixture.Bytes()));
        using LocalSigner attacker = TestSigners.Create(SigningAlgorithm.ES256);
        byte[] cose = await CoseSign1Writer.SignDetachedAsync(attacker, original.SignerPayload.EncodedBytes, CoseSign1Writer.GetReservedSize(attacker));
        IdentityAssertion assertion = IdentityAssertion.Decode(IdentityAssertions.WithSignature(original, cose));
        var log = new StatusLog();

        X509IdentityVerifier.Result result = X509IdentityVerifier.Verify(assertion, Options(Bundle), log, Url);

        Assert.True(result.SignatureValid);
        Assert.False(result.Trusted);
        Assert.Equal([StatusCodes.CawgX509CredentialUntrusted], log.Failure.Select(f => f.Code));
    }

    [Fact]
    public void Verify_SignatureNotCose_SignatureMismatch()
    {
        // As c2pa-rs reports bytes that are no COSE_Sign1 (its x509_signature_verifier tests).
        IdentityAssertion original = IdentityAssertion.Decode(CawgFixture.AssertionContent(CawgFixture.Bytes()));
        IdentityAssertion assertion = IdentityAssertion.Decode(IdentityAssertions.WithSignature(original, "not a COSE_Sign1 structure"u8.ToArray()));
        var log = new StatusLog();

        X509IdentityVerifier.Result result = X509IdentityVerifier.Verify(assertion, Options(Bundle), log, Url);

        Assert.False(result.SignatureValid);
        Assert.Equal([StatusCodes.CawgX509SignatureMismatch], log.Failure.Select(f => f.Code));
    }
}
