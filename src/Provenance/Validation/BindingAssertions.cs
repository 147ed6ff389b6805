using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Provenance.Cbor;
using Provenance.Hashing;
using Provenance.Jumbf;
using Provenance.Manifests;

namespace Provenance.Validation;

/// <summary>What every hard-binding check does first: read the assertion and settle its hash algorithm.</summary>
internal static class BindingAssertions
{
    /// <summary>Parses the assertion's CBOR; a problem is logged as <paramref name="malformedCode"/>.</summary>
    public static bool TryRead<T>(JumbfSuperBox box, Func<CborValue, T> parse, string malformedCode, StatusLog log, string url, [NotNullWhen(true)] out T? assertion)
        where T : class
    {
        try
        {
            ReadOnlyMemory<byte> content = box.FirstContent(FourCC.Cbor)?.Data
                ?? throw new ProvenanceFormatException(FormatLayer.Assertion, -1, "the hard binding has no cbor box");
            assertion = parse(CborValue.Decode(content));
            return true;
        }
        catch (ProvenanceFormatException ex)
        {
            log.AddFailure(malformedCode, url, ex.Message);
            assertion = null;
            return false;
        }
    }

    /// <summary>The assertion's own algorithm, else the claim's, else SHA-256 (C2PA 2.2 §15.4.1); others are logged as unsupported.</summary>
    public static bool TryResolveAlgorithm(string? own, Claim claim, StatusLog log, string url, out HashAlgorithmName algorithm)
    {
        string name = own ?? claim.Algorithm ?? "sha256";
        if (C2paHashAlgorithms.TryParse(name, out algorithm))
        {
            return true;
        }

        log.AddFailure(StatusCodes.AlgorithmUnsupported, url, $"hash algorithm {name} is not allowed");
        return false;
    }
}
