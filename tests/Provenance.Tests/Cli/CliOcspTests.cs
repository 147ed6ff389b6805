using System.Security.Cryptography.X509Certificates;
using Provenance.Tests.Cryptography;

namespace Provenance.Tests.Cli;

/// <summary><c>sign --ocsp</c>, <c>sign --ocsp-response</c> and <c>verify --ocsp-fetch</c>, against an openssl responder on 127.0.0.1.</summary>
[Collection("cli")]
public sealed class CliOcspTests : IDisposable
{
    private readonly OcspTestAuthority _authority = new("CLI OCSP");
    private readonly string _directory = TestPaths.NewTempDirectory();

    public void Dispose() => _authority.Dispose();

    [Fact]
    public void Sign_OcspResponseFile_StapledAndVerifiedOffline()
    {
        (string chain, string key, X509Certificate2 certificate) = WriteSigner("CLI Stapled Signer");
        string response = Path.Combine(_directory, "good.der");
        File.WriteAllBytes(response, _authority.Respond(certificate));
        string output = Path.Combine(_directory, "stapled.jpg");

        (int signExit, _, string signError) = CliTests.Run(_directory, "sign", TestPaths.Fixture("no_manifest.jpg"), "-o", output, "--cert", chain, "--key", key, "--ocsp-response", response);
        (int verifyExit, string verdict, _) = CliTests.Run(_directory, "verify", output, "--trust", _authority.RootPath);

        Assert.True(signExit == 0, signError);
        Assert.Equal(0, verifyExit);
        Assert.Contains(": Trusted", verdict, StringComparison.Ordinal);
        Assert.Contains("revocation:      signingCredential.ocsp.notRevoked (stapled OCSP response: good", verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void SignWithOcsp_ThenVerifyWithFetch_AskTheResponder()
    {
        (string chain, string key, _) = WriteSigner("CLI Fetching Signer");
        string stapled = Path.Combine(_directory, "fetched.jpg");
        string plain = Path.Combine(_directory, "plain.jpg");
        using OcspTestAuthority.ResponderProcess responder = _authority.StartResponder();

        (int stapledExit, _, string stapledError) = CliTests.Run(_directory, "sign", TestPaths.Fixture("no_manifest.jpg"), "-o", stapled, "--cert", chain, "--key", key, "--ocsp");
        (int plainExit, _, _) = CliTests.Run(_directory, "sign", TestPaths.Fixture("no_manifest.jpg"), "-o", plain, "--cert", chain, "--key", key);
        (_, string stapledVerdict, _) = CliTests.Run(_directory, "verify", stapled, "--trust", _authority.RootPath);
        (_, string offline, _) = CliTests.Run(_directory, "verify", plain, "--trust", _authority.RootPath);
        (_, string online, _) = CliTests.Run(_directory, "verify", plain, "--trust", _authority.RootPath, "--ocsp-fetch");

        Assert.True(stapledExit == 0, stapledError);
        Assert.Equal(0, plainExit);
        Assert.Contains("revocation:      signingCredential.ocsp.notRevoked (stapled OCSP response", stapledVerdict, StringComparison.Ordinal);
        Assert.Contains("revocation:      signingCredential.ocsp.skipped", offline, StringComparison.Ordinal);
        Assert.True(online.Contains($"revocation:      signingCredential.ocsp.notRevoked (OCSP response from {_authority.ResponderUri}", StringComparison.Ordinal), online);
    }

    [Fact]
    public void Sign_OcspAndOcspResponseTogether_BadInput()
    {
        (string chain, string key, _) = WriteSigner("CLI Both Signer");

        (int exitCode, _, string error) = CliTests.Run(_directory, "sign", TestPaths.Fixture("no_manifest.jpg"), "-o", Path.Combine(_directory, "both.jpg"), "--cert", chain, "--key", key, "--ocsp", "--ocsp-response", "x.der");

        Assert.Equal(3, exitCode);
        Assert.Contains("either --ocsp or --ocsp-response", error, StringComparison.Ordinal);
    }

    private (string Chain, string Key, X509Certificate2 Certificate) WriteSigner(string name)
    {
        X509Certificate2 certificate = _authority.IssueCertificate(name);
        string chain = Path.Combine(_directory, name + ".chain.pem");
        string key = Path.Combine(_directory, name + ".key.pem");
        File.WriteAllText(chain, certificate.ExportCertificatePem() + "\n" + _authority.Issuing.ExportCertificatePem() + "\n");
        File.WriteAllText(key, certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        return (chain, key, certificate);
    }
}
