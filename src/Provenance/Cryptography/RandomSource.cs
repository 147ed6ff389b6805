using System.Security.Cryptography;

namespace Provenance.Cryptography;

/// <summary>
/// Where signing's random bytes come from: assertion salts (C2PA 2.2 §8.4.2.3) and the UUIDs in manifest labels and
/// instance IDs (§8.3). The system's cryptographic generator by default
/// (<see cref="SigningOptions.Randomness"/>); tests put a seeded source in its place to get the same labels and salts
/// on every run.
/// </summary>
internal interface IRandomSource
{
    /// <summary>Fills <paramref name="destination"/> with random bytes.</summary>
    void Fill(Span<byte> destination);
}

/// <summary>The operating system's cryptographically secure generator (<see cref="RandomNumberGenerator"/>).</summary>
internal sealed class SystemRandomSource : IRandomSource
{
    /// <summary>The instance.</summary>
    public static SystemRandomSource Instance { get; } = new();

    /// <inheritdoc />
    public void Fill(Span<byte> destination) => RandomNumberGenerator.Fill(destination);
}

/// <summary>What signing draws from an <see cref="IRandomSource"/>.</summary>
internal static class RandomSources
{
    /// <summary><paramref name="count"/> random bytes.</summary>
    public static byte[] GetBytes(this IRandomSource source, int count)
    {
        byte[] bytes = new byte[count];
        source.Fill(bytes);
        return bytes;
    }

    /// <summary>A random (version 4) UUID, RFC 9562 §5.4: 122 random bits, the version and the variant.</summary>
    public static Guid NewGuid(this IRandomSource source)
    {
        Span<byte> bytes = stackalloc byte[16];
        source.Fill(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
