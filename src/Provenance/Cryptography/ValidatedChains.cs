using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Provenance.Cryptography;

/// <summary>
/// Chains one anchor set has already validated, so a signer seen again (a platform verifying many files of one camera
/// or tool) is not checked again: BouncyCastle checks certificate signatures in managed code, about 0.9 ms a chain.
/// Keyed by a SHA-256 of the signing certificate and the other certificates offered for the path (DER, in order); kept
/// with the span of time in which every certificate of the path, anchor included, is valid, since path validation
/// depends on nothing else (no revocation: that is checked apart, from stapled OCSP). Only trusted results are kept, a
/// refusal is worked out afresh each time, and a result taken from here names the caller's own certificates.
/// </summary>
/// <remarks>At most <see cref="Capacity"/> chains; when full, it starts over. Safe from many threads.</remarks>
internal sealed class ValidatedChains
{
    internal const int Capacity = 1024;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    internal int Count => _entries.Count;

    /// <summary>The key of a signing certificate and the certificates offered with it.</summary>
    public static string KeyOf(X509Certificate2 signingCertificate, IReadOnlyList<X509Certificate2> intermediates)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[4];
        foreach (X509Certificate2 certificate in intermediates.Prepend(signingCertificate))
        {
            byte[] der = certificate.RawData;
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, der.Length);
            hash.AppendData(length);
            hash.AppendData(der);
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <summary>A trusted result kept for this key and still valid at <paramref name="time"/>, over the caller's certificates; else null.</summary>
    public ChainValidationResult? Find(string key, DateTime time, X509Certificate2 signingCertificate, IReadOnlyList<X509Certificate2> intermediates)
        => _entries.TryGetValue(key, out Entry? entry) && time >= entry.ValidFrom && time <= entry.ValidUntil
            ? new ChainValidationResult(true, null, [.. entry.Path.Select(i => i < 0 ? signingCertificate : intermediates[i]), entry.Anchor])
            : null;

    /// <summary>Keeps <paramref name="result"/> when it is trusted; its chain is the signer, certificates of <paramref name="intermediates"/>, then the anchor.</summary>
    public void Remember(string key, ChainValidationResult result, X509Certificate2 signingCertificate, IReadOnlyList<X509Certificate2> intermediates)
    {
        if (!result.IsTrusted || result.Chain.Count < 2 || !ReferenceEquals(result.Chain[0], signingCertificate))
        {
            return;
        }

        int[] path = new int[result.Chain.Count - 1];
        path[0] = -1;
        for (int i = 1; i < path.Length; i++)
        {
            int index = IndexOf(intermediates, result.Chain[i]);
            if (index < 0)
            {
                return; // not one of the caller's certificates: not kept
            }

            path[i] = index;
        }

        DateTime from = result.Chain.Max(c => c.NotBefore.ToUniversalTime());
        DateTime until = result.Chain.Min(c => c.NotAfter.ToUniversalTime());
        if (_entries.Count >= Capacity)
        {
            _entries.Clear();
        }

        _entries[key] = new Entry(path, result.Chain[^1], from, until);
    }

    private static int IndexOf(IReadOnlyList<X509Certificate2> certificates, X509Certificate2 certificate)
    {
        for (int i = 0; i < certificates.Count; i++)
        {
            if (ReferenceEquals(certificates[i], certificate))
            {
                return i;
            }
        }

        return -1;
    }

    // Path: -1 for the signing certificate, else an index into the certificates offered; Anchor: the anchor set's own.
    private sealed record Entry(int[] Path, X509Certificate2 Anchor, DateTime ValidFrom, DateTime ValidUntil);
}
