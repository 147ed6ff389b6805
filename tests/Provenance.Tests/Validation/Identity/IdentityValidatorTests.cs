using System.Text.Json;
using Provenance.Cryptography;
using Provenance.Tests.Interop;
using Provenance.Validation;
using Provenance.Validation.Identity;

namespace Provenance.Tests.Validation.Identity;

/// <summary>
/// CAWG identity assertions (CAWG Identity Assertion 1.x) on c2pa-rs's C_with_CAWG_data.jpg, as it is and as an
/// attacker would alter it; every verdict is compared with c2pa-rs's on the same bytes.
/// </summary>
[Collection("c2pa-rs")]
public class IdentityValidatorTests
{
    private static VerificationOptions Options(TrustAnchorSet? identityAnchors = null) => new()
    {
        TrustAnchors = TrustAnchorSet.FromPemFile(CawgFixture.RootBundle),
        IdentityTrustAnchors = identityAnchors ?? TrustAnchorSet.Empty,
    };

    private static TrustAnchorSet Bundle => TrustAnchorSet.FromPemFile(CawgFixture.RootBundle);

    [Fact]
    public async Task VerifyFile_CawgFixtureWithoutIdentityAnchors_ValidWithUntrustedCredential()
    {
        ValidationReport report = await ManifestVerifier.VerifyFileAsync(CawgFixture.Path, Options());

        // c2pa-rs (no CAWG trust list): Valid, failure [cawg.x509.credential.untrusted].
        Assert.Equal(ValidationState.Valid, report.State);
        Assert.Equal([StatusCodes.CawgX509CredentialUntrusted], report.ActiveManifestResults.Failure.Select(f => f.Code));
        Assert.Contains(report.ActiveManifestResults.Success, s => s.Code == StatusCodes.CawgX509SignatureValidated);
        Assert.Contains(report.ActiveManifestResults.Success, s => s.Code == StatusCodes.CawgIdentityWellFormed);
        Assert.EndsWith("/c2pa.assertions/cawg.identity", report.ActiveManifestResults.Failure[0].Url, StringComparison.Ordinal);

        IdentityInfo identity = Assert.Single(report.Active!.Identities);
        Assert.Equal(IdentityStatus.WellFormed, identity.Status);
        Assert.Equal("cawg.identity", identity.Label);
        Assert.Equal("cawg.x509.cose", identity.SignatureType);
        Assert.Equal("C2PA Signer", identity.CommonName);
        Assert.Equal("C2PA Test Signing Cert", identity.Organization);
        Assert.Equal("Ed25519", identity.Algorithm);
        Assert.Equal("638838410810235485828984295321338730070538954823", identity.SerialNumber);
        Assert.Contains("CN=Intermediate CA", identity.CertificateIssuer, StringComparison.Ordinal);
        Assert.Equal(["self#jumbf=c2pa.assertions/cawg.training-mining", "self#jumbf=c2pa.assertions/c2pa.hash.data"], identity.ReferencedAssertions);
        Assert.Empty(identity.Roles);
        Assert.True(identity.IsSignatureValid);
        Assert.False(identity.IsCredentialTrusted);

        AssertAgreesWithC2paRs(report, C2paRs.Verify(CawgFixture.Path, "image/jpeg", CawgFixture.RootBundle));
    }

    [Fact]
    public async Task VerifyFile_CawgFixtureWithIdentityAnchors_Trusted()
    {
        ValidationReport report = await ManifestVerifier.VerifyFileAsync(CawgFixture.Path, Options(Bundle));

        Assert.Equal(ValidationState.Trusted, report.State);
        Assert.Empty(report.ActiveManifestResults.Failure);
        Assert.Contains(report.ActiveManifestResults.Success, s => s.Code == StatusCodes.CawgX509CredentialTrusted);
        // CAWG Identity Assertion 1.x, "Success codes": cawg.identity.trusted. c2pa-rs 0.91 still says
        // cawg.identity.well-formed here (its own TO DO, CAI-7980); only the success list differs.
        Assert.Contains(report.ActiveManifestResults.Success, s => s.Code == StatusCodes.CawgIdentityTrusted);
        Assert.Equal(IdentityStatus.Trusted, Assert.Single(report.Active!.Identities).Status);

        C2paRsReport c2paRs = C2paRs.Verify(CawgFixture.Path, "image/jpeg", CawgFixture.RootBundle, CawgFixture.RootBundle);
        AssertAgreesWithC2paRs(report, c2paRs);
        Assert.Contains(Codes(c2paRs, "success"), c => c == StatusCodes.CawgX509CredentialTrusted);
    }

    [Fact]
    public async Task VerifyFile_ClaimAnchorsOnly_IdentityNotTrusted()
    {
        // The claim signer's anchors are not the identity's: the same roots as claim anchors leave the identity untrusted.
        ValidationReport report = await ManifestVerifier.VerifyFileAsync(CawgFixture.Path, Options(TestSigners.Anchors));

        Assert.Equal(ValidationState.Valid, report.State);
        Assert.Contains(report.ActiveManifestResults.Success, s => s.Code == StatusCodes.SigningCredentialTrusted);
        Assert.Equal([StatusCodes.CawgX509CredentialUntrusted], report.ActiveManifestResults.Failure.Select(f => f.Code));
    }

    [Fact]
    public async Task VerifyFile_IdentityAnchorsOnly_ClaimSignerNotTrusted()
    {
        // And the reverse: identity anchors vouch for no claim signer. (c2pa-rs 0.91 also consults a "cawg" trust list
        // for the claim signer and says Trusted here; C2PA 2.2 §14.4.1 trusts claim signers by the C2PA trust list only.)
        var options = new VerificationOptions { TrustAnchors = TestSigners.Anchors, IdentityTrustAnchors = Bundle };

        ValidationReport report = await ManifestVerifier.VerifyFileAsync(CawgFixture.Path, options);

        Assert.Equal(ValidationState.Valid, report.State);
        Assert.Equal([StatusCodes.SigningCredentialUntrusted], report.ActiveManifestResults.Failure.Select(f => f.Code));
        Assert.Equal(IdentityStatus.Trusted, Assert.Single(report.Active!.Identities).Status);
    }

    [Fact]
    public async Task VerifyFile_IdentitySignatureByteChanged_SignatureMismatch()
    {
        string directory = TestPaths.NewTempDirectory();
        string path = CawgFixture.WriteAltered(directory, "identity-signature.jpg", file =>
        {
            (int offset, int length) = CawgFixture.Signature(file);
            file[offset + length - 10] ^= 0x01; // inside the Ed25519 signature, the COSE_Sign1's last 64 bytes
        });

        foreach (TrustAnchorSet? identityAnchors in new[] { null, Bundle })
        {
            ValidationReport report = await ManifestVerifier.VerifyFileAsync(path, Options(identityAnchors));

            Assert.Equal(ValidationState.Invalid, report.State);
            Assert.Contains(report.ActiveManifestResults.Failure, f => f.Code == StatusCodes.CawgX509SignatureMismatch);
            Assert.Contains(report.ActiveManifestResults.Failure, f => f.Code == StatusCodes.AssertionHashedUriMismatch && f.Url!.EndsWith("cawg.identity", StringComparison.Ordinal));
            AssertIdentityRejected(report);
            AssertAgreesWithC2paRs(report, identityAnchors is null
                ? C2paRs.Verify(path, "image/jpeg", CawgFixture.RootBundle)
                : C2paRs.Verify(path, "image/jpeg", CawgFixture.RootBundle, CawgFixture.RootBundle));
        }
    }

    [Fact]
    public async Task VerifyFile_SignerPayloadReferenceChanged_AssertionMismatch()
    {
        string directory = TestPaths.NewTempDirectory();
        string path = CawgFixture.WriteAltered(directory, "identity-reference.jpg", file =>
        {
            // The first referenced hash (cawg.training-mining's): "hash" then 58 20 and 32 bytes.
            (int offset, _) = CawgFixture.AssertionCbor(file);
            int hash = file.AsSpan(offset).IndexOf("dhashX\u0020"u8) + offset + 7;
            file[hash] ^= 0x01;
        });

        ValidationReport report = await ManifestVerifier.VerifyFileAsync(path, Options(Bundle));

        Assert.Equal(ValidationState.Invalid, report.State);
        Assert.Contains(report.ActiveManifestResults.Failure, f => f.Code == StatusCodes.CawgIdentityAssertionMismatch);
        Assert.Contains(report.ActiveManifestResults.Failure, f => f.Code == StatusCodes.CawgX509SignatureMismatch);
        AssertIdentityRejected(report);
        AssertAgreesWithC2paRs(report, C2paRs.Verify(path, "image/jpeg", CawgFixture.RootBundle, CawgFixture.RootBundle));
    }

    [Fact]
    public async Task VerifyFile_ReferencedAssertionChanged_IdentityNotValid()
    {
        // The attacker edits what the named actor vouched for (cawg.training-mining: notAllowed -> notAllowes), leaving
        // the identity assertion and the claim alone: the claim's hash no longer matches, so neither holds.
        string directory = TestPaths.NewTempDirectory();
        string path = CawgFixture.WriteAltered(directory, "referenced-assertion.jpg", file =>
        {
            int use = file.AsSpan().IndexOf("notAllowed"u8);
            file[use + 9] = (byte)'s';
        });

        ValidationReport report = await ManifestVerifier.VerifyFileAsync(path, Options(Bundle));

        Assert.Equal(ValidationState.Invalid, report.State);
        Assert.Contains(report.ActiveManifestResults.Failure, f => f.Code == StatusCodes.AssertionHashedUriMismatch && f.Url!.EndsWith("cawg.training-mining", StringComparison.Ordinal));
        AssertIdentityRejected(report);
        AssertAgreesWithC2paRs(report, C2paRs.Verify(path, "image/jpeg", CawgFixture.RootBundle, CawgFixture.RootBundle));
    }

    [Fact]
    public async Task ToJson_CawgFixture_IdentityInC2paRsShape()
    {
        ValidationReport report = await ManifestVerifier.VerifyFileAsync(CawgFixture.Path, Options());
        C2paRsReport c2paRs = C2paRs.Verify(CawgFixture.Path, "image/jpeg", CawgFixture.RootBundle);

        using JsonDocument ours = JsonDocument.Parse(ReportJsonWriter.ToJson(report, indented: false));
        JsonElement mine = IdentityData(ours.RootElement);
        JsonElement theirs = IdentityData(c2paRs.Report);
        Assert.Equal(theirs.GetProperty("signer_payload").GetRawText(), mine.GetProperty("signer_payload").GetRawText());
        foreach (string field in new[] { "alg", "issuer", "common_name", "cert_serial_number" })
        {
            Assert.Equal(theirs.GetProperty("signature_info").GetProperty(field).GetString(), mine.GetProperty("signature_info").GetProperty(field).GetString());
        }
    }

    private static JsonElement IdentityData(JsonElement report)
    {
        JsonElement manifest = report.GetProperty("manifests").GetProperty(report.GetProperty("active_manifest").GetString()!);
        return manifest.GetProperty("assertions").EnumerateArray().Single(a => a.GetProperty("label").GetString() == "cawg.identity").GetProperty("data");
    }

    // Whatever else happens, an altered file never shows a named actor as valid, let alone trusted.
    private static void AssertIdentityRejected(ValidationReport report)
    {
        Assert.NotEqual(ValidationState.Trusted, report.State);
        IdentityInfo identity = Assert.Single(report.Active!.Identities);
        Assert.Equal(IdentityStatus.Invalid, identity.Status);
        Assert.DoesNotContain(report.ActiveManifestResults.Success, s => s.Code is StatusCodes.CawgIdentityTrusted or StatusCodes.CawgIdentityWellFormed);
    }

    private static void AssertAgreesWithC2paRs(ValidationReport report, C2paRsReport c2paRs)
    {
        Assert.Null(c2paRs.Error);
        Assert.Equal(c2paRs.ValidationState, report.State.ToString());
        Assert.Equal(c2paRs.FailureCodes.Distinct().Order(), report.ActiveManifestResults.Failure.Select(f => f.Code).Distinct().Order());
    }

    private static IEnumerable<string> Codes(C2paRsReport report, string kind)
        => report.Report.GetProperty("validation_results").GetProperty("activeManifest").GetProperty(kind).EnumerateArray().Select(e => e.GetProperty("code").GetString()!);
}
