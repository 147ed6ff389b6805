namespace Provenance.Formats.Png;

/// <summary>The CRC-32 of PNG chunks (ISO 3309 polynomial, PNG §5.5), computed by System.IO.Hashing.</summary>
internal static class Crc32
{
    /// <summary>The CRC of <paramref name="first"/> followed by <paramref name="second"/> (a chunk's type, then its data).</summary>
    public static uint Compute(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second = default)
    {
        var crc = new System.IO.Hashing.Crc32();
        crc.Append(first);
        crc.Append(second);
        return crc.GetCurrentHashAsUInt32();
    }
}
