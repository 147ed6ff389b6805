using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Provenance.Cryptography;

namespace Provenance.Tests.Cryptography;

/// <summary>
/// Trust settings in c2pa-rs's forms (sdk/src/settings/mod.rs struct Trust; crypto/cose/certificate_trust_policy.rs):
/// PEM bundles, allowed lists of certificates or their hashes, EKU lists, and the JSON settings file that holds them.
/// </summary>
public class TrustSettingsTests
{
    [Fact]
    public void AllowedList_PemAndHashLines_ContainsExactlyThoseCertificates()
    {
        using X509Certificate2 byPem = TestSigners.Root.IssueSigningCertificate("by pem", SigningAlgorithm.ES256);
        using X509Certificate2 byHash = TestSigners.Root.IssueSigningCertificate("by hash", SigningAlgorithm.ES256);
        using X509Certificate2 other = TestSigners.Root.IssueSigningCertificate("other", SigningAlgorithm.ES256);
        string text = $"# signers we know\n{byPem.ExportCertificatePem()}\n// and one by hash\n{AllowedSignerList.GetHash(byHash)}\n\n";

        AllowedSignerList list = AllowedSignerList.Parse(text);

        Assert.Equal(2, list.Count);
        Assert.True(list.Contains(byPem));
        Assert.True(list.Contains(byHash));
        Assert.False(list.Contains(other));
        Assert.False(list.Contains(TestSigners.Root.Certificate));
    }

    [Fact]
    public void AllowedList_Hash_IsBase64Sha256OfDer()
    {
        using X509Certificate2 certificate = TestSigners.Root.IssueSigningCertificate("hashed", SigningAlgorithm.ES256);

        string hash = AllowedSignerList.GetHash(certificate);

        // c2pa-rs: base64::encode(sha256(cert_der)), 44 characters with padding.
        Assert.Equal(Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(certificate.RawData)), hash);
        Assert.Equal(44, hash.Length);
    }

    [Theory]
    [InlineData("abc", 2)]                                                   // not base64 of 32 bytes
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 2)]            // 43 characters
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA!", 2)]           // 44, not base64
    [InlineData("-----END CERTIFICATE-----", 2)]                             // END without BEGIN
    [InlineData("-----BEGIN CERTIFICATE-----\nMIIB\n", 2)]                   // no END line
    [InlineData("-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----", 3)]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", 2)] // base64, not a certificate
    [InlineData("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----", 2)]
    public void AllowedList_MalformedLine_ErrorNamesFileAndLine(string malformed, int line)
    {
        string dir = TestPaths.NewTempDirectory();
        string path = Path.Combine(dir, "allowed.txt");
        File.WriteAllText(path, $"# allowed signers\n{malformed}\n");

        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => AllowedSignerList.FromFile(path));

        Assert.Contains($"{path} line {line}:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AllowedList_NoEntry_Error()
        => Assert.Contains("no certificate and no certificate hash", Assert.Throws<ProvenanceFormatException>(() => AllowedSignerList.Parse("# nothing\n", "empty.txt")).Message, StringComparison.Ordinal);

    [Fact]
    public void TrustAnchors_JsonEscapedBundle_LoadsAsIs()
    {
        // The C2PA trust list is often passed around as a JSON string: its line breaks are the two characters \ and n.
        string bundle = File.ReadAllText(TestPaths.Fixture("test_cert_root_bundle.pem"));
        string escaped = bundle.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

        Assert.DoesNotContain('\n', escaped);
        Assert.Equal(TrustAnchorSet.FromPem(bundle).Count, TrustAnchorSet.FromPem(escaped).Count);
    }

    [Fact]
    public void TrustAnchors_ExplanatoryTextBetweenBlocks_Skipped()
    {
        string pem = $"Subject: {TestSigners.Root.Certificate.Subject}\n{TestSigners.Root.ExportCertificatePem()}\ntrailing words\n";

        Assert.Equal(1, TrustAnchorSet.FromPem(pem).Count);
    }

    [Fact]
    public void TrustAnchors_BrokenBlock_ErrorNamesFileAndLine()
    {
        string path = Path.Combine(TestPaths.NewTempDirectory(), "anchors.pem");
        File.WriteAllText(path, TestSigners.Root.ExportCertificatePem() + "\n-----BEGIN CERTIFICATE-----\nMIIB?\n-----END CERTIFICATE-----\n");
        int brokenLine = TestSigners.Root.ExportCertificatePem().Split('\n').Length + 2;

        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => TrustAnchorSet.FromPemFile(path));

        Assert.Contains($"{path} line {brokenLine}:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExtendedKeyUsages_C2paRsConfigFile_Read()
    {
        // The layout of c2pa-rs's crypto/cose/valid_eku_oids.cfg: comment lines, blank lines, one OID a line.
        const string Config = "// id-kp-documentSigning\n1.3.6.1.5.5.7.3.36\n\n// C2PA Signing\r\n1.3.6.1.4.1.62558.2.1\r\n# ours\n2.999.1\n";

        Assert.Equal(["1.3.6.1.5.5.7.3.36", "1.3.6.1.4.1.62558.2.1", "2.999.1"], TrustSettings.ParseExtendedKeyUsages(Config));
    }

    [Theory]
    [InlineData("1.3.6.1.4.1.62558.2.1\nid-kp-codeSigning", 2, "not an extended key usage OID")]
    [InlineData("1.3.6.01.5", 1, "not an extended key usage OID")]
    [InlineData("1.3.6.1.5.5.7.3.3", 1, "codeSigning")]
    [InlineData("2.5.29.37.0", 1, "anyExtendedKeyUsage")]
    public void ExtendedKeyUsages_BadLine_ErrorNamesLine(string config, int line, string problem)
    {
        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => TrustSettings.ParseExtendedKeyUsages(config, "ekus.cfg"));

        Assert.Contains($"ekus.cfg line {line}:", ex.Message, StringComparison.Ordinal);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SettingsFile_C2paRsShape_EverySettingApplied()
    {
        using X509Certificate2 allowed = TestSigners.Root.IssueSigningCertificate("allowed", SigningAlgorithm.ES256);
        string bundle = File.ReadAllText(TestPaths.Fixture("test_cert_root_bundle.pem"));
        string path = WriteSettings(new
        {
            version = 1,
            trust = new { trust_anchors = bundle, user_anchors = TestSigners.Root.ExportCertificatePem(), allowed_list = AllowedSignerList.GetHash(allowed), trust_config = "2.999.1" },
            verify = new { verify_trust = true, remote_manifest_fetch = false },
            builder = new { thumbnail = new { enabled = false } },
        });

        TrustSettings settings = TrustSettings.FromJsonFile(path);
        VerificationOptions options = settings.ApplyTo(new VerificationOptions { TrustAnchors = TestSigners.Anchors });

        Assert.Equal(TrustAnchorSet.FromPem(bundle).Count, settings.TrustAnchors.Count);
        Assert.Equal(1, settings.UserAnchors.Count);
        Assert.True(settings.AllowedList.Contains(allowed));
        Assert.Equal(["2.999.1"], settings.AdditionalEkus);
        Assert.Equal(1 + settings.TrustAnchors.Count + 1, options.TrustAnchors.Count);
        Assert.True(options.AllowedSigners.Contains(allowed));
        Assert.Equal(VerificationOptions.DefaultAllowedEkus.Append("2.999.1"), options.AllowedEkus!);
    }

    [Fact]
    public void SettingsFile_MalformedAllowedHash_ErrorNamesFileLineAndKey()
    {
        string path = Path.Combine(TestPaths.NewTempDirectory(), "settings.json");
        // allowed_list starts on line 4 of the file; its second line (after the JSON-escaped break) is not a hash.
        File.WriteAllText(path, "{\n  \"trust\": {\n    \"trust_config\": \"1.3.6.1.4.1.62558.2.1\",\n    \"allowed_list\": \"# ours\\nnot-a-hash\"\n  }\n}\n");

        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => TrustSettings.FromJsonFile(path));

        Assert.Contains($"{path} line 4, trust.allowed_list line 2:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not-a-hash", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SettingsFile_MalformedAnchorPem_ErrorNamesFileLineAndKey()
    {
        string path = WriteSettings(new { trust = new { trust_anchors = "-----BEGIN CERTIFICATE-----\nMIIB\n" } });

        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => TrustSettings.FromJsonFile(path));

        Assert.Contains($"{path} line 3, trust.trust_anchors line 1:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("no END line", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"trust\": {\"allowed_lsit\": \"x\"}}", "trust.allowed_lsit is not a c2pa-rs trust setting")]
    [InlineData("{\"trust\": {\"trust_anchors\": 5}}", "trust.trust_anchors must be a string")]
    [InlineData("{\"trust\": []}", "\"trust\" must be an object")]
    [InlineData("{\"verify\": {\"verify_trust\": false}}", "Provenance always checks trust")]
    [InlineData("[1]", "must be a JSON object")]
    [InlineData("{\"trust\": {,}}", "not valid JSON")]
    public void SettingsFile_NotValidSettings_ClearError(string json, string problem)
    {
        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => TrustSettings.FromJson(json, "s.json"));

        Assert.Contains("s.json line 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SettingsFile_OtherC2paRsSections_Skipped()
    {
        TrustSettings settings = TrustSettings.FromJson("{\"core\": {\"merkle_tree_max_proofs\": 5}, \"cawg_trust\": {\"verify_trust_list\": true}, \"trust\": null}");

        Assert.Equal(TrustSettings.Empty, settings);
    }

    private static string WriteSettings(object settings)
    {
        string path = Path.Combine(TestPaths.NewTempDirectory(), "settings.json");
        File.WriteAllText(path, JsonSerializer.Serialize(settings, new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }
}
