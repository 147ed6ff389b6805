using System.Security.Cryptography.X509Certificates;

namespace Provenance.Cryptography;

/// <summary>
/// End-entity certificates trusted as claim signers in themselves, whoever issued them: the private credential store of
/// C2PA 2.2 §14.4.3, c2pa-rs's <c>trust.allowed_list</c>. A signer whose certificate is on the list is reported
/// <c>signingCredential.trusted</c> without chaining to a trust anchor; the list vouches for no other certificate, and its
/// entries never act as anchors.
/// </summary>
/// <remarks>
/// A certificate is known by the base64 SHA-256 of its DER encoding, the form c2pa-rs accepts one per line besides PEM
/// certificates (<see cref="GetHash"/>). The whole certificate is compared through its hash: another certificate for the
/// same key or subject is not on the list.
/// </remarks>
public sealed class AllowedSignerList
{
    private readonly HashSet<string> _hashes;

    private AllowedSignerList(HashSet<string> hashes) => _hashes = hashes;

    /// <summary>No certificate: signers are trusted only through anchors.</summary>
    public static AllowedSignerList Empty { get; } = new([]);

    /// <summary>The number of certificates on the list.</summary>
    public int Count => _hashes.Count;

    /// <summary>
    /// Reads an allowed list: PEM certificates, and lines each holding the base64 SHA-256 of a certificate's DER (44
    /// characters), in any mix, as c2pa-rs reads <c>trust.allowed_list</c>; blank lines and comments (<c>#</c>,
    /// <c>//</c>) are skipped, and a literal <c>\n</c> is read as a line break.
    /// </summary>
    /// <param name="text">The list.</param>
    /// <param name="source">Names the text in error messages (a file name); "allowed list" when null.</param>
    /// <exception cref="ProvenanceFormatException">
    /// A line that is neither a hash nor part of a PEM certificate, a malformed PEM block or certificate, or no entry at
    /// all; the message names the source and the line.
    /// </exception>
    public static AllowedSignerList Parse(string text, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        string name = source ?? "allowed list";
        return Read(text, name, n => $"{name} line {n}");
    }

    /// <summary>Reads an allowed list file (see <see cref="Parse"/>); errors name the file and the line.</summary>
    public static AllowedSignerList FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>A list of the given certificates.</summary>
    public static AllowedSignerList FromCertificates(IEnumerable<X509Certificate2> certificates)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        return new([.. certificates.Select(TrustListText.Hash)]);
    }

    /// <summary>The base64 SHA-256 of the certificate's DER encoding: its line in an allowed list.</summary>
    public static string GetHash(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return TrustListText.Hash(certificate);
    }

    /// <summary>Whether <paramref name="certificate"/> is on the list.</summary>
    public bool Contains(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return _hashes.Count > 0 && _hashes.Contains(TrustListText.Hash(certificate));
    }

    /// <summary>The certificates of both lists.</summary>
    public AllowedSignerList Union(AllowedSignerList other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other.Count == 0 ? this : Count == 0 ? other : new([.. _hashes, .. other._hashes]);
    }

    /// <summary>Reads a list whose line n is named by <paramref name="lineName"/> in errors (a settings file names its own lines).</summary>
    internal static AllowedSignerList Read(string text, string name, Func<int, string> lineName)
    {
        TrustListContent content = TrustListText.ReadCertificates(text, lineName, hashesAllowed: true);
        var hashes = new HashSet<string>(content.Hashes, StringComparer.Ordinal);
        foreach (X509Certificate2 certificate in content.Certificates)
        {
            using (certificate)
            {
                hashes.Add(TrustListText.Hash(certificate));
            }
        }

        return hashes.Count > 0
            ? new AllowedSignerList(hashes)
            : throw new ProvenanceFormatException(FormatLayer.Pem, -1, $"{name} holds no certificate and no certificate hash");
    }
}
