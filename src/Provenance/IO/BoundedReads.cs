namespace Provenance.IO;

/// <summary>Reads what is left of a stream into memory, but never more than a limit: bytes from a file or a server are untrusted.</summary>
internal static class BoundedReads
{
    /// <summary>
    /// The rest of <paramref name="stream"/>, or null when it is longer than <paramref name="limit"/> bytes (known up
    /// front when the stream can be sought, else found after at most <paramref name="limit"/> bytes and one block).
    /// </summary>
    public static async Task<byte[]?> ReadToEndAsync(Stream stream, long limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        if (stream.CanSeek && stream.Length - stream.Position > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        byte[] block = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(block, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(block, 0, read);
        }

        return buffer.ToArray();
    }
}
