using System.Security.Cryptography.X509Certificates;

namespace Provenance.Cryptography;

/// <summary>The certificates a verifier trusts as roots of signing certificate chains (C2PA 2.2 §14.4).</summary>
public sealed class TrustAnchorSet
{
    private readonly X509Certificate2[] _certificates;
    private PkixTrust? _pkix;

    private TrustAnchorSet(X509Certificate2[] certificates) => _certificates = certificates;

    /// <summary>No anchors: signers are at best Valid, never Trusted.</summary>
    public static TrustAnchorSet Empty { get; } = new([]);

    /// <summary>The anchors.</summary>
    public IReadOnlyList<X509Certificate2> Certificates => _certificates;

    /// <summary>Number of anchors.</summary>
    public int Count => _certificates.Length;

    /// <summary>
    /// The anchors as path validation takes them, each with the certificate it was read from (by reference), read once;
    /// an anchor BouncyCastle cannot read is left out. Take both from the one object: every thread gets the same.
    /// </summary>
    internal PkixTrust Pkix
    {
        get
        {
            if (Volatile.Read(ref _pkix) is { } built)
            {
                return built;
            }

            var originals = new Dictionary<Org.BouncyCastle.X509.X509Certificate, X509Certificate2>(ReferenceEqualityComparer.Instance);
            foreach (X509Certificate2 certificate in _certificates)
            {
                if (ChainValidator.Parse(certificate) is { } parsed)
                {
                    originals[parsed] = certificate;
                }
            }

            var made = new PkixTrust(originals.Keys.Select(c => new Org.BouncyCastle.Pkix.TrustAnchor(c, null)).ToHashSet(), originals, new ValidatedChains());
            return Interlocked.CompareExchange(ref _pkix, made, null) ?? made;
        }
    }

    /// <summary>Anchors for BouncyCastle's path building, the certificate each was read from, and the chains validated to them.</summary>
    internal sealed record PkixTrust(ISet<Org.BouncyCastle.Pkix.TrustAnchor> Anchors, IReadOnlyDictionary<Org.BouncyCastle.X509.X509Certificate, X509Certificate2> Originals, ValidatedChains Validated);

    /// <summary>
    /// Every certificate of a PEM bundle, such as the C2PA trust list. Text between the blocks is skipped (RFC 7468
    /// §5.2), and, as c2pa-rs does, a literal <c>\n</c> is read as a line break, so a bundle copied out of a JSON string
    /// loads as it is.
    /// </summary>
    /// <exception cref="ProvenanceFormatException">No certificate, or a malformed block or certificate (the message names its line).</exception>
    public static TrustAnchorSet FromPem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        return Read(pem, "trust anchor PEM", n => $"trust anchor PEM line {n}");
    }

    /// <summary>Every certificate of a PEM bundle file (see <see cref="FromPem(string)"/>); errors name the file and the line.</summary>
    public static TrustAnchorSet FromPemFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Read(File.ReadAllText(path), path, n => $"{path} line {n}");
    }

    /// <summary>A set of the given certificates.</summary>
    public static TrustAnchorSet FromCertificates(IEnumerable<X509Certificate2> certificates)
        => new([.. certificates ?? throw new ArgumentNullException(nameof(certificates))]);

    /// <summary>The anchors of both sets.</summary>
    public TrustAnchorSet Union(TrustAnchorSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other.Count == 0 ? this : Count == 0 ? other : new([.. _certificates, .. other._certificates]);
    }

    /// <summary>Reads a bundle whose line n is named by <paramref name="lineName"/> in errors (a settings file names its own lines).</summary>
    internal static TrustAnchorSet Read(string pem, string name, Func<int, string> lineName)
    {
        TrustListContent content = TrustListText.ReadCertificates(pem, lineName, hashesAllowed: false);
        return content.Certificates.Count > 0
            ? new([.. content.Certificates])
            : throw new ProvenanceFormatException(FormatLayer.Pem, -1, $"{name} holds no CERTIFICATE block");
    }
}
