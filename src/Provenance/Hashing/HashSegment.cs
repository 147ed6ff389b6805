namespace Provenance.Hashing;

/// <summary>A piece of a hashed sequence: a range of the stream, or literal bytes inserted into the sequence.</summary>
internal readonly record struct HashSegment(long Start, long Length, byte[]? Literal = null)
{
    /// <summary>A range of the stream.</summary>
    public static HashSegment Range(long start, long length) => new(start, length);

    /// <summary>Bytes that are hashed as if they stood at this point of the sequence.</summary>
    public static HashSegment Bytes(byte[] literal) => new(0, 0, literal);
}
