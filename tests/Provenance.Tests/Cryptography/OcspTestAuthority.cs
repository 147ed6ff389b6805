using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.Security;
using Provenance.Cryptography;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace Provenance.Tests.Cryptography;

/// <summary>
/// A test PKI with OCSP, run by <c>openssl ocsp</c>: a root (the trust anchor), an issuing CA with an openssl index of the
/// certificates it issued (good or revoked), a delegated responder certificate with id-kp-OCSPSigning (RFC 6960
/// §4.2.2.2), and signers whose AIA names a responder on 127.0.0.1. Responses are made offline
/// (<see cref="Respond"/>) or served by a responder process (<see cref="StartResponder"/>).
/// </summary>
internal sealed class OcspTestAuthority : IDisposable
{
    public const string OcspSigningEku = "1.3.6.1.5.5.7.3.9";
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(1);
    private readonly List<string> _index = [];

    public OcspTestAuthority(string? name = null)
    {
        name ??= "OCSP Test";
        Directory = TestPaths.NewTempDirectory();
        Root = CertificateAuthority.CreateRoot($"{name} Root CA");
        Issuing = Root.CreateIntermediate($"{name} Issuing CA");
        Port = FreePort();
        ResponderUri = new Uri($"http://127.0.0.1:{Port}/");
        Responder = Issuing.IssueSigningCertificate($"{name} OCSP Responder", SigningAlgorithm.ES256, new SigningCertificateOptions { ExtendedKeyUsages = [OcspSigningEku] });
        File.WriteAllText(IssuingPath, Issuing.ExportCertificatePem());
        File.WriteAllText(RootPath, Root.ExportCertificatePem());
        WriteCredential(Responder, ResponderPath, ResponderKeyPath);
        WriteIndex();
    }

    public string Directory { get; }

    public CertificateAuthority Root { get; }

    /// <summary>The CA that issues the signers (and the responder); openssl's <c>-CA</c>.</summary>
    public CertificateAuthority Issuing { get; }

    /// <summary>The delegated responder's certificate, issued by <see cref="Issuing"/> with only id-kp-OCSPSigning.</summary>
    public X509Certificate2 Responder { get; }

    public int Port { get; }

    /// <summary>The responder address every signer's AIA names.</summary>
    public Uri ResponderUri { get; }

    public TrustAnchorSet Anchors => TrustAnchorSet.FromCertificates([Root.Certificate]);

    public string IssuingPath => Path.Combine(Directory, "issuing.pem");

    public string RootPath => Path.Combine(Directory, "root.pem");

    public string ResponderPath => Path.Combine(Directory, "responder.pem");

    public string ResponderKeyPath => Path.Combine(Directory, "responder.key");

    private string IndexPath => Path.Combine(Directory, "index.txt");

    /// <summary>
    /// Issues a claim signer (ES256, chain: its certificate then <see cref="Issuing"/>) whose AIA names
    /// <paramref name="responder"/> (default <see cref="ResponderUri"/>), recorded as good in the index.
    /// </summary>
    public LocalSigner IssueSigner(string commonName, Uri? responder = null, bool recordInIndex = true)
    {
        // The signer owns (and disposes) the certificates it is given: the issuing CA's goes in as a copy.
        return LocalSigner.FromCertificate(IssueCertificate(commonName, responder, recordInIndex), [X509CertificateLoader.LoadCertificate(Issuing.Certificate.RawData)]);
    }

    /// <summary>Issues a claim-signing certificate (with its key) as <see cref="IssueSigner"/> does.</summary>
    public X509Certificate2 IssueCertificate(string commonName, Uri? responder = null, bool recordInIndex = true)
    {
        X509Certificate2 certificate = Issuing.IssueSigningCertificate(commonName, SigningAlgorithm.ES256, new SigningCertificateOptions { OcspResponderUri = responder ?? ResponderUri });
        if (recordInIndex)
        {
            _index.Add(IndexLine('V', certificate, null, null));
            WriteIndex();
        }

        return certificate;
    }

    /// <summary>Records <paramref name="certificate"/> as revoked at <paramref name="when"/>, for a CRLReason name or none.</summary>
    public void Revoke(X509Certificate2 certificate, DateTimeOffset when, string? reason = null)
    {
        _index.RemoveAll(line => line.Split('\t')[3] == certificate.SerialNumber);
        _index.Add(IndexLine('R', certificate, when, reason));
        WriteIndex();
    }

    /// <summary>
    /// An OCSP response about <paramref name="certificate"/> made offline by <c>openssl ocsp -index</c>, signed by the
    /// delegated responder (or the given responder credential), with nextUpdate a day after thisUpdate.
    /// </summary>
    public byte[] Respond(X509Certificate2 certificate, string? responderPath = null, string? responderKeyPath = null)
    {
        string certificatePath = Path.Combine(Directory, $"{certificate.SerialNumber}.pem");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        string output = Path.Combine(Directory, $"{certificate.SerialNumber}-{Guid.NewGuid():N}.der");
        RunOpenSsl(
            "ocsp", "-index", IndexPath, "-CA", IssuingPath, "-rsigner", responderPath ?? ResponderPath, "-rkey", responderKeyPath ?? ResponderKeyPath,
            "-issuer", IssuingPath, "-cert", certificatePath, "-ndays", "1", "-respout", output, "-noverify");
        return File.ReadAllBytes(output);
    }

    /// <summary>
    /// A good response about <paramref name="certificate"/> under this authority's issuing CA (whoever really issued
    /// it), signed by the delegated responder, with the times given: made with BouncyCastle, since openssl dates its
    /// responses now and a stale one must be from the past.
    /// </summary>
    public byte[] RespondAt(X509Certificate2 certificate, DateTimeOffset thisUpdate, DateTimeOffset nextUpdate)
    {
        var responder = new BcCertificate(Responder.RawData);
        var generator = new BasicOcspRespGenerator(new RespID(responder.SubjectDN));
        var id = new CertificateID(CertificateID.DigestSha1, new BcCertificate(Issuing.Certificate.RawData), new BcCertificate(certificate.RawData).SerialNumber);
        generator.AddResponse(id, CertificateStatus.Good, thisUpdate.UtcDateTime, nextUpdate.UtcDateTime, null);
        AsymmetricKeyParameter key = PrivateKeyFactory.CreateKey(Responder.GetECDsaPrivateKey()!.ExportPkcs8PrivateKey());
        BasicOcspResp basic = generator.Generate("SHA256WITHECDSA", key, [responder], thisUpdate.UtcDateTime);
        return new OCSPRespGenerator().Generate(OCSPRespGenerator.Successful, basic).GetEncoded();
    }

    /// <summary>Starts <c>openssl ocsp</c> as a responder on <see cref="Port"/>; dispose the result to stop it.</summary>
    public ResponderProcess StartResponder()
        => ResponderProcess.Start(Port, ["ocsp", "-index", IndexPath, "-CA", IssuingPath, "-rsigner", ResponderPath, "-rkey", ResponderKeyPath, "-port", Port.ToString(CultureInfo.InvariantCulture), "-ndays", "1"]);

    /// <summary>Writes <paramref name="certificate"/> and its private key as PEM files, for openssl.</summary>
    public static void WriteCredential(X509Certificate2 certificate, string certificatePath, string keyPath)
    {
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
    }

    public static void RunOpenSsl(params string[] arguments)
    {
        (int exitCode, _, string error) = ProcessRunner.Run("openssl", arguments, ToolTimeout, "openssl is needed to make OCSP responses and was not found on PATH.");
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"openssl {string.Join(' ', arguments)} failed: {error}");
        }
    }

    public void Dispose()
    {
        Responder.Dispose();
        Issuing.Dispose();
        Root.Dispose();
    }

    // openssl's index.txt (ca(1)): status, expiry, revocation [,reason], serial in hex, file name, subject.
    private static string IndexLine(char status, X509Certificate2 certificate, DateTimeOffset? revoked, string? reason)
    {
        string revocation = revoked is { } when ? OpenSslTime(when) + (reason is null ? "" : "," + reason) : "";
        return $"{status}\t{OpenSslTime(certificate.NotAfter.ToUniversalTime())}\t{revocation}\t{certificate.SerialNumber}\tunknown\t/CN={certificate.GetNameInfo(X509NameType.SimpleName, false)}";
    }

    private static string OpenSslTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyMMddHHmmss'Z'", CultureInfo.InvariantCulture);

    private void WriteIndex() => File.WriteAllLines(IndexPath, _index);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A running <c>openssl ocsp</c> responder, stopped (by its process id) on dispose.</summary>
    internal sealed class ResponderProcess : IDisposable
    {
        private readonly Process _process;

        private ResponderProcess(Process process) => _process = process;

        public static ResponderProcess Start(int port, IEnumerable<string> arguments)
        {
            var start = new ProcessStartInfo("openssl") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            // openssl says it is listening once it has bound the port. (A test connection would not do: the responder
            // serves one connection at a time, and waits on an empty one.)
            var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            void Watch(object sender, DataReceivedEventArgs e)
            {
                if (e.Data?.Contains("waiting for OCSP client connections", StringComparison.Ordinal) == true)
                {
                    listening.TrySetResult();
                }
            }

            Process process = Process.Start(start) ?? throw new InvalidOperationException("openssl ocsp could not be started.");
            process.OutputDataReceived += Watch;
            process.ErrorDataReceived += Watch;
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var responder = new ResponderProcess(process);
            if (!listening.Task.Wait(TimeSpan.FromSeconds(20)))
            {
                responder.Dispose();
                throw new TimeoutException($"openssl ocsp did not listen on port {port} within 20 s.");
            }

            return responder;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(5000);
            }

            _process.Dispose();
        }
    }
}
