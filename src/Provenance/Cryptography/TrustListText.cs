using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace Provenance.Cryptography;

/// <summary>What a trust list's text holds: certificates (DER), and, in an allowed list, certificate hashes.</summary>
/// <param name="Certificates">The certificates of its PEM blocks, in order.</param>
/// <param name="Hashes">Its hash lines: base64 SHA-256 of a certificate's DER, as c2pa-rs writes them.</param>
internal sealed record TrustListContent(IReadOnlyList<X509Certificate2> Certificates, IReadOnlyList<string> Hashes);

/// <summary>
/// Reads the text of c2pa-rs's trust settings line by line (PEM bundles, allowed lists, EKU lists), with errors that
/// name the source and the line. Each error is a <see cref="ProvenanceFormatException"/>.
/// </summary>
/// <remarks>
/// Like c2pa-rs, a literal <c>\n</c> (backslash, n) is read as a line break, so that a PEM bundle copied out of a JSON
/// string, as the C2PA trust list is often passed around, loads as it is. Where c2pa-rs skips lines it cannot read, this
/// reader refuses them: a trust setting that silently drops an entry is a trust decision nobody made.
/// </remarks>
internal static partial class TrustListText
{
    /// <summary>The length of a base64 SHA-256 hash with its padding: 32 bytes → 44 characters.</summary>
    private const int HashLength = 44;

    // c2pa-rs reads these usages into fields of their own (x509-parser's ExtendedKeyUsage), which its EKU check never
    // looks at; anyExtendedKeyUsage is refused by the certificate profile (C2PA 2.2 §14.5.1).
    private static readonly Dictionary<string, string> NeverForClaims = new(StringComparer.Ordinal)
    {
        ["1.3.6.1.5.5.7.3.1"] = "serverAuth",
        ["1.3.6.1.5.5.7.3.2"] = "clientAuth",
        ["1.3.6.1.5.5.7.3.3"] = "codeSigning",
        ["2.5.29.37.0"] = "anyExtendedKeyUsage",
    };

    /// <summary>
    /// The certificates of a PEM bundle and, when <paramref name="hashesAllowed"/>, the hash lines outside its blocks.
    /// Without hashes (an anchor bundle), text outside the blocks is explanatory text and is skipped (RFC 7468 §5.2); with
    /// them (an allowed list), every other line outside a block must be blank or a comment (<c>#</c> or <c>//</c>).
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="lineName">Names line n (1-based) of the text in error messages, e.g. "anchors.pem line 12".</param>
    /// <param name="hashesAllowed">Whether lines outside PEM blocks are certificate hashes.</param>
    public static TrustListContent ReadCertificates(string text, Func<int, string> lineName, bool hashesAllowed)
    {
        var certificates = new List<X509Certificate2>();
        var hashes = new List<string>();
        string? label = null;
        int blockStart = 0;
        var base64 = new System.Text.StringBuilder();
        string[] lines = Lines(text);
        for (int i = 0; i < lines.Length; i++)
        {
            int number = i + 1;
            string line = lines[i];
            if (label is null)
            {
                if (line.StartsWith("-----BEGIN ", StringComparison.Ordinal))
                {
                    label = ReadLabel(line, "-----BEGIN ", lineName(number));
                    if (label != "CERTIFICATE")
                    {
                        throw Error(FormatLayer.Pem, lineName(number), $"a {label} block where a CERTIFICATE block was expected");
                    }

                    blockStart = number;
                    base64.Clear();
                }
                else if (line.StartsWith("-----END ", StringComparison.Ordinal))
                {
                    throw Error(FormatLayer.Pem, lineName(number), "an END line with no BEGIN line before it");
                }
                else if (hashesAllowed && line.Length > 0 && !IsComment(line))
                {
                    hashes.Add(IsHash(line)
                        ? line
                        : throw Error(FormatLayer.Pem, lineName(number), $"'{Shorten(line)}' is neither part of a PEM certificate nor a certificate hash (the base64 SHA-256 of its DER: {HashLength} characters)"));
                }

                continue;
            }

            if (line.StartsWith("-----BEGIN ", StringComparison.Ordinal))
            {
                throw Error(FormatLayer.Pem, lineName(number), $"a BEGIN line inside the CERTIFICATE block begun on line {blockStart}, which has no END line");
            }

            if (line.StartsWith("-----END ", StringComparison.Ordinal))
            {
                if (ReadLabel(line, "-----END ", lineName(number)) != label)
                {
                    throw Error(FormatLayer.Pem, lineName(number), $"the END line does not match the BEGIN CERTIFICATE of line {blockStart}");
                }

                certificates.Add(LoadCertificate(base64.ToString(), lineName(blockStart)));
                label = null;
                continue;
            }

            if (line.Length == 0)
            {
                continue;
            }

            if (!Base64Line().IsMatch(line))
            {
                throw Error(FormatLayer.Pem, lineName(number), $"'{Shorten(line)}' is not base64, inside the CERTIFICATE block begun on line {blockStart}");
            }

            base64.Append(line);
        }

        return label is null
            ? new TrustListContent(certificates, hashes)
            : throw Error(FormatLayer.Pem, lineName(blockStart), "the CERTIFICATE block begun here has no END line");
    }

    /// <summary>
    /// The EKU OIDs of a c2pa-rs <c>trust_config</c> text: one dotted OID a line (as c2pa-rs's <c>valid_eku_oids.cfg</c>),
    /// blank lines and comments (<c>//</c> or <c>#</c>) skipped. The usages c2pa-rs can never accept for claim signing,
    /// whatever its <c>trust_config</c> says, are refused, so that one settings file gives both tools the same verdicts.
    /// </summary>
    public static IReadOnlyList<string> ReadObjectIdentifiers(string text, Func<int, string> lineName)
    {
        var oids = new List<string>();
        string[] lines = Lines(text);
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.Length == 0 || IsComment(line))
            {
                continue;
            }

            if (!ObjectIdentifier().IsMatch(line))
            {
                throw Error(FormatLayer.Settings, lineName(i + 1), $"'{Shorten(line)}' is not an extended key usage OID in dotted form (such as 1.3.6.1.4.1.62558.2.1)");
            }

            if (NeverForClaims.TryGetValue(line, out string? name))
            {
                throw Error(FormatLayer.Settings, lineName(i + 1), $"{line} ({name}) cannot be accepted for claim signing: c2pa-rs never accepts it, whatever its trust_config says (VerificationOptions.AllowedEkus can, for Provenance alone)");
            }

            oids.Add(line);
        }

        return oids;
    }

    /// <summary>The base64 SHA-256 of a certificate's DER: how c2pa-rs names an allowed certificate.</summary>
    public static string Hash(X509Certificate2 certificate) => Convert.ToBase64String(SHA256.HashData(certificate.RawData));

    private static string[] Lines(string text)
        => [.. text.Replace("\\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.Trim())];

    private static bool IsComment(string line) => line.StartsWith('#') || line.StartsWith("//", StringComparison.Ordinal);

    private static bool IsHash(string line)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes + 3];
        return line.Length == HashLength && Convert.TryFromBase64String(line, hash, out int written) && written == SHA256.HashSizeInBytes;
    }

    private static string ReadLabel(string line, string prefix, string where)
        => line.EndsWith("-----", StringComparison.Ordinal) && line.Length > prefix.Length + 5
            ? line[prefix.Length..^5]
            : throw Error(FormatLayer.Pem, where, $"'{Shorten(line)}' is not a PEM boundary line");

    private static X509Certificate2 LoadCertificate(string base64, string where)
    {
        byte[] der;
        try
        {
            der = Convert.FromBase64String(base64);
        }
        catch (FormatException ex)
        {
            throw new ProvenanceFormatException(FormatLayer.Pem, -1, $"{where}: the CERTIFICATE block is not valid base64", ex);
        }

        try
        {
            return X509CertificateLoader.LoadCertificate(der);
        }
        catch (CryptographicException ex)
        {
            throw new ProvenanceFormatException(FormatLayer.X509, -1, $"{where}: the CERTIFICATE block begun here is not a valid X.509 certificate: {ex.Message}", ex);
        }
    }

    private static ProvenanceFormatException Error(FormatLayer layer, string where, string problem) => new(layer, -1, $"{where}: {problem}");

    private static string Shorten(string line) => line.Length <= 60 ? line : line[..57] + "...";

    [GeneratedRegex("^[A-Za-z0-9+/=]+$")]
    private static partial Regex Base64Line();

    // X.660: the first arc is 0, 1 or 2; every arc is a decimal number without leading zeros.
    [GeneratedRegex(@"^[0-2](\.(0|[1-9][0-9]*))+$")]
    private static partial Regex ObjectIdentifier();
}
