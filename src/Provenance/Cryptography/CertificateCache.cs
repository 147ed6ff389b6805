using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Provenance.Cryptography;

/// <summary>
/// Certificates read from claim signatures, kept by their DER so that the same signer's chain, met again (a platform
/// verifies many files from few signers; signing verifies its own output), is not decoded again: loading a certificate
/// costs about a quarter of a millisecond here (OpenSSL 3), and checking its content with BouncyCastle more.
/// Only certificates that load, whose every part decodes and that are of a real certificate's size are kept; they are
/// shared read-only and never disposed.
/// </summary>
internal static class CertificateCache
{
    private const int Capacity = 512;

    // Real certificates are one or two kilobytes; larger ones (a hostile file may carry megabytes in an extension) are
    // loaded and checked each time rather than kept, so the cache holds at most Capacity × MaxCachedSize bytes of DER.
    private const int MaxCachedSize = 16 * 1024;
    private static readonly ConcurrentDictionary<string, X509Certificate2> Loaded = new(StringComparer.Ordinal);

    /// <summary>The certificate of <paramref name="der"/>, or the problem that keeps it from being one.</summary>
    /// <exception cref="CryptographicException">The bytes are not a certificate.</exception>
    public static X509Certificate2 Load(ReadOnlySpan<byte> der, out string? problem)
    {
        string key = Convert.ToHexString(SHA256.HashData(der));
        if (Loaded.TryGetValue(key, out X509Certificate2? known) && known.RawDataMemory.Span.SequenceEqual(der))
        {
            problem = null;
            return known;
        }

        X509Certificate2 certificate = X509CertificateLoader.LoadCertificate(der);
        problem = CertificateContent.FindProblem(certificate);
        if (problem is null && der.Length <= MaxCachedSize)
        {
            if (Loaded.Count >= Capacity)
            {
                // Bounded: start afresh rather than track use; what is dropped is left to the collector, as before.
                Loaded.Clear();
            }

            Loaded.TryAdd(key, certificate);
        }

        return certificate;
    }
}
