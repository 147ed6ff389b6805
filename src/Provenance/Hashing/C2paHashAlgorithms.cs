using System.Security.Cryptography;

namespace Provenance.Hashing;

/// <summary>The hash algorithms C2PA allows, by their C2PA names (C2PA 2.2 §13.1: SHA-2 only).</summary>
internal static class C2paHashAlgorithms
{
    /// <summary>Parses <c>sha256</c>, <c>sha384</c> or <c>sha512</c>.</summary>
    public static bool TryParse(string? name, out HashAlgorithmName algorithm)
    {
        (bool known, algorithm) = name switch
        {
            "sha256" => (true, HashAlgorithmName.SHA256),
            "sha384" => (true, HashAlgorithmName.SHA384),
            "sha512" => (true, HashAlgorithmName.SHA512),
            _ => (false, default),
        };
        return known;
    }

    /// <summary>Parses a C2PA hash name.</summary>
    /// <exception cref="ArgumentException">Not one C2PA allows.</exception>
    public static HashAlgorithmName Parse(string name)
        => TryParse(name, out HashAlgorithmName algorithm) ? algorithm : throw new ArgumentException($"Hash algorithm '{name}' is not one C2PA allows (sha256, sha384, sha512).", nameof(name));

    /// <summary>Whether C2PA allows <paramref name="algorithm"/> (SHA-256, SHA-384 or SHA-512).</summary>
    public static bool IsAllowed(HashAlgorithmName algorithm)
        => algorithm == HashAlgorithmName.SHA256 || algorithm == HashAlgorithmName.SHA384 || algorithm == HashAlgorithmName.SHA512;

    /// <summary>The C2PA name of an algorithm.</summary>
    public static string GetName(HashAlgorithmName algorithm)
        => algorithm == HashAlgorithmName.SHA256 ? "sha256"
            : algorithm == HashAlgorithmName.SHA384 ? "sha384"
            : algorithm == HashAlgorithmName.SHA512 ? "sha512"
            : throw new ArgumentException($"{algorithm} is not a C2PA hash algorithm.", nameof(algorithm));

    /// <summary>Hash length in bytes.</summary>
    public static int GetSize(HashAlgorithmName algorithm)
        => algorithm == HashAlgorithmName.SHA256 ? 32
            : algorithm == HashAlgorithmName.SHA384 ? 48
            : algorithm == HashAlgorithmName.SHA512 ? 64
            : throw new ArgumentException($"{algorithm} is not a C2PA hash algorithm.", nameof(algorithm));

    /// <summary>Hashes bytes.</summary>
    public static byte[] HashData(HashAlgorithmName algorithm, ReadOnlySpan<byte> data)
        => algorithm == HashAlgorithmName.SHA256 ? SHA256.HashData(data)
            : algorithm == HashAlgorithmName.SHA384 ? SHA384.HashData(data)
            : algorithm == HashAlgorithmName.SHA512 ? SHA512.HashData(data)
            : throw new ArgumentException($"{algorithm} is not a C2PA hash algorithm.", nameof(algorithm));

    /// <summary>Hashes bytes with the algorithm of a C2PA name.</summary>
    public static byte[] HashData(string algorithm, ReadOnlySpan<byte> data) => HashData(Parse(algorithm), data);
}
