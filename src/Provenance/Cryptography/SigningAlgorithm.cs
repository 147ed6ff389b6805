using System.Security.Cryptography;

namespace Provenance.Cryptography;

/// <summary>The claim-signing algorithms C2PA allows (C2PA 2.2 §13.2.1).</summary>
public enum SigningAlgorithm
{
    /// <summary>ECDSA P-256 with SHA-256.</summary>
    ES256,

    /// <summary>ECDSA P-384 with SHA-384.</summary>
    ES384,

    /// <summary>ECDSA P-521 with SHA-512.</summary>
    ES512,

    /// <summary>RSASSA-PSS with SHA-256.</summary>
    PS256,

    /// <summary>RSASSA-PSS with SHA-384.</summary>
    PS384,

    /// <summary>RSASSA-PSS with SHA-512.</summary>
    PS512,

    /// <summary>
    /// EdDSA with Ed25519. .NET's cryptography has no Ed25519, so BouncyCastle signs (a <see cref="LocalSigner"/> over a
    /// PKCS#8 Ed25519 key) and verifies.
    /// </summary>
    Ed25519,
}

/// <summary>Names, COSE identifiers and hashes of <see cref="SigningAlgorithm"/>.</summary>
public static class SigningAlgorithms
{
    /// <summary>The COSE algorithm identifier (RFC 9053 §2, RFC 8230 §2).</summary>
    public static long ToCoseAlgorithm(SigningAlgorithm algorithm) => algorithm switch
    {
        SigningAlgorithm.ES256 => -7,
        SigningAlgorithm.ES384 => -35,
        SigningAlgorithm.ES512 => -36,
        SigningAlgorithm.PS256 => -37,
        SigningAlgorithm.PS384 => -38,
        SigningAlgorithm.PS512 => -39,
        SigningAlgorithm.Ed25519 => -8,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>The algorithm for a COSE identifier, if C2PA allows it.</summary>
    public static bool TryFromCoseAlgorithm(long id, out SigningAlgorithm algorithm)
    {
        (bool known, algorithm) = id switch
        {
            -7 => (true, SigningAlgorithm.ES256),
            -35 => (true, SigningAlgorithm.ES384),
            -36 => (true, SigningAlgorithm.ES512),
            -37 => (true, SigningAlgorithm.PS256),
            -38 => (true, SigningAlgorithm.PS384),
            -39 => (true, SigningAlgorithm.PS512),
            -8 => (true, SigningAlgorithm.Ed25519),
            _ => (false, default),
        };
        return known;
    }

    /// <summary>The hash the algorithm signs with.</summary>
    public static HashAlgorithmName GetHashAlgorithm(SigningAlgorithm algorithm) => algorithm switch
    {
        SigningAlgorithm.ES256 or SigningAlgorithm.PS256 => HashAlgorithmName.SHA256,
        SigningAlgorithm.ES384 or SigningAlgorithm.PS384 => HashAlgorithmName.SHA384,
        SigningAlgorithm.ES512 or SigningAlgorithm.PS512 or SigningAlgorithm.Ed25519 => HashAlgorithmName.SHA512,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>The JOSE/COSE name: <c>ES256</c>, ..., <c>Ed25519</c>.</summary>
    public static string GetName(SigningAlgorithm algorithm) => algorithm.ToString();

    /// <summary>Parses a name, ignoring case (<c>es256</c>, <c>PS384</c>, <c>ed25519</c>, <c>eddsa</c>).</summary>
    public static bool TryParse(string name, out SigningAlgorithm algorithm)
    {
        algorithm = default;
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }

        if (name.Equals("eddsa", StringComparison.OrdinalIgnoreCase))
        {
            algorithm = SigningAlgorithm.Ed25519;
            return true;
        }

        return Enum.TryParse(name.Trim(), ignoreCase: true, out algorithm) && Enum.IsDefined(algorithm) && !int.TryParse(name, out _);
    }

    /// <summary>Whether the algorithm is ECDSA.</summary>
    internal static bool IsEcdsa(SigningAlgorithm algorithm) => algorithm is SigningAlgorithm.ES256 or SigningAlgorithm.ES384 or SigningAlgorithm.ES512;

    /// <summary>The curve an ECDSA algorithm goes with (C2PA 2.5: P-256↔ES256, P-384↔ES384, P-521↔ES512).</summary>
    internal static int CurveBits(SigningAlgorithm algorithm) => algorithm switch
    {
        SigningAlgorithm.ES256 => 256,
        SigningAlgorithm.ES384 => 384,
        SigningAlgorithm.ES512 => 521,
        _ => 0,
    };
}
