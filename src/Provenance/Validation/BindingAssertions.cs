using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Provenance.Assertions;
using Provenance.Hashing;
using Provenance.Jumbf;
using Provenance.Manifests;

namespace Provenance.Validation;

/// <summary>What every hard-binding check does first: read the assertion and settle its hash algorithm.</summary>
internal static class BindingAssertions
{
    /// <summary>Reads the assertion; a problem (not CBOR, a field missing, mistyped or out of range) is logged as <paramref name="malformedCode"/>.</summary>
    public static bool TryRead<T>(JumbfSuperBox box, string malformedCode, StatusLog log, string url, [NotNullWhen(true)] out T? assertion)
        where T : class, ICborAssertion<T>
    {
        try
        {
            assertion = AssertionCodec.Read<T>(box);
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
