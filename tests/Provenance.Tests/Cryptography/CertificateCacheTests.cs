using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Provenance.Cryptography;

namespace Provenance.Tests.Cryptography;

/// <summary>The certificate cache keeps a signer's certificate once, but not a hostile file's oversized one.</summary>
public sealed class CertificateCacheTests
{
    [Fact]
    public void A_certificate_of_ordinary_size_is_loaded_once()
    {
        byte[] der = SelfSigned(extensionBytes: 16).RawData;

        X509Certificate2 first = CertificateCache.Load(der, out string? problem);
        X509Certificate2 second = CertificateCache.Load(der, out _);

        Assert.Null(problem);
        Assert.Same(first, second);
    }

    [Fact]
    public void An_oversized_certificate_is_not_kept()
    {
        // 64 KiB in a private extension: it loads and decodes, but 512 of them would hold 32 MiB.
        byte[] der = SelfSigned(extensionBytes: 64 * 1024).RawData;

        X509Certificate2 first = CertificateCache.Load(der, out string? problem);
        X509Certificate2 second = CertificateCache.Load(der, out _);

        Assert.Null(problem);
        Assert.NotSame(first, second);
        Assert.Equal(first.RawData, second.RawData);
    }

    private static X509Certificate2 SelfSigned(int extensionBytes)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=Cache test {Guid.NewGuid():N}", key, HashAlgorithmName.SHA256);
        byte[] value = new byte[extensionBytes + 4];
        value[0] = 0x04; // an OCTET STRING of the padding, long form length
        value[1] = 0x82;
        value[2] = (byte)(extensionBytes >> 8);
        value[3] = (byte)extensionBytes;
        request.CertificateExtensions.Add(new X509Extension("1.3.6.1.4.1.55555.1", value, critical: false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }
}
