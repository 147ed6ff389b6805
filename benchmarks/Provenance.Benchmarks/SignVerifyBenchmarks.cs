using BenchmarkDotNet.Attributes;
using Provenance.Cryptography;

namespace Provenance.Benchmarks;

/// <summary>Sign and verify of a JPEG and an MP4 from ../shared/fixtures (no thumbnail: ffmpeg start-up would dominate).</summary>
[MemoryDiagnoser]
public class SignVerifyBenchmarks
{
    private CertificateAuthority _root = null!;
    private LocalSigner _signer = null!;
    private VerificationOptions _options = null!;
    private byte[] _input = [];
    private byte[] _signed = [];

    [Params("no_manifest.jpg", "video1_no_manifest.mp4")]
    public string File { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _root = CertificateAuthority.CreateRoot("Benchmark Root");
        using var certificate = _root.IssueSigningCertificate("Benchmark Signer", SigningAlgorithm.ES256);
        _signer = LocalSigner.FromCertificate(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12(certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12), null));
        _options = new VerificationOptions { TrustAnchors = TrustAnchorSet.FromCertificates([_root.Certificate]) };
        _input = System.IO.File.ReadAllBytes(Path.Combine(FixtureDirectory(), File));
        _signed = Sign().GetAwaiter().GetResult();
    }

    [Benchmark]
    public async Task<byte[]> Sign()
    {
        using var output = new MemoryStream();
        await new ManifestBuilder { Title = File }.AddAuthor("Bench").SignAsync(new MemoryStream(_input), output, _signer, new SigningOptions { Thumbnails = null });
        return output.ToArray();
    }

    [Benchmark]
    public Task<Validation.ValidationReport> Verify() => ManifestVerifier.VerifyAsync(new MemoryStream(_signed), _options);

    [GlobalCleanup]
    public void Cleanup()
    {
        _signer.Dispose();
        _root.Dispose();
    }

    private static string FixtureDirectory()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !System.IO.File.Exists(Path.Combine(dir, "Provenance.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return Path.Combine(dir ?? throw new InvalidOperationException("Run from inside the repository."), "..", "shared", "fixtures", "c2pa-rs");
    }
}
