using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Provenance.Cryptography;

namespace Provenance.Tests.Cryptography;

/// <summary>
/// Certificates that load but hold a part that does not decode (found by fuzzing the verifier: fuzz/findings/verify)
/// are caught where the x5chain is read, not later by the runtime's lazy decoders.
/// </summary>
public sealed class CertificateContentTests
{
    [Fact]
    public void A_well_formed_certificate_has_no_problem()
    {
        using X509Certificate2 certificate = SelfSigned(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.4")], false));

        Assert.Null(CertificateContent.FindProblem(certificate));
    }

    [Theory]
    [InlineData("2.5.29.37")] // extended key usage
    [InlineData("2.5.29.19")] // basic constraints
    public void An_extension_that_does_not_decode_is_a_problem(string oid)
    {
        // Loads (the extension's value is an opaque OCTET STRING until read), fails when the extension is read.
        using X509Certificate2 certificate = SelfSigned(new X509Extension(oid, [0x30, 0x05, 0x06], critical: false));

        Assert.NotNull(CertificateContent.FindProblem(certificate));
    }

    [Fact]
    public void The_problem_is_stated_without_a_stack_trace()
    {
        // A key usage that is a BOOLEAN of two bytes (.NET will not issue it, so the extension is issued under a spare
        // OID of the same length and renamed in the DER; the signature no longer matters here). BouncyCastle folds its
        // causes into its message, stack traces included, which differ with JIT inlining: reports must not.
        using X509Certificate2 issued = SelfSigned(new X509Extension("2.5.29.99", [0x01, 0x02, 0x00, 0x00], critical: true));
        byte[] der = issued.RawData;
        int oid = der.AsSpan().IndexOf((ReadOnlySpan<byte>)[0x06, 0x03, 0x55, 0x1D, 0x63]);
        der[oid + 4] = 0x0F;
        using X509Certificate2 certificate = X509CertificateLoader.LoadCertificate(der);

        string? problem = CertificateContent.FindProblem(certificate);

        Assert.NotNull(problem);
        Assert.Contains("KeyUsage", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", problem, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", problem, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(MalformedCertificates.Parts), MemberType = typeof(MalformedCertificates))]
    public void Every_malformed_part_the_tests_use_is_a_problem(string part)
    {
        // The certificates the time-stamp, OCSP and identity tests place: each loads, and each is caught here.
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using X509Certificate2 certificate = MalformedCertificates.Create(part, "Malformed " + part, key);

        Assert.NotNull(CertificateContent.FindProblem(certificate));
    }

    private static X509Certificate2 SelfSigned(X509Extension extension)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Content test", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(extension);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }
}
