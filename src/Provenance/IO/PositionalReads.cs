namespace Provenance.IO;

/// <summary>
/// Reads at an absolute offset without moving a stream's position (pread on files, a copy from memory), so one
/// thread can read ahead while another walks the same stream's boxes.
/// </summary>
internal static class PositionalReads
{
    /// <summary>A reader returning the bytes read at an offset (0 at the end), or null when the stream has none.</summary>
    public static Func<long, Span<byte>, int>? TryCreate(Stream stream) => stream switch
    {
        FileStream file => (offset, span) => RandomAccess.Read(file.SafeFileHandle, span, offset),
        SubStream sub when sub.TryGetPositionalReader() is { } inner => inner,
        MemoryStream memory when memory.TryGetBuffer(out ArraySegment<byte> buffer) => (offset, span) =>
        {
            int n = (int)Math.Max(0, Math.Min(span.Length, buffer.Count - offset));
            buffer.AsSpan((int)offset, n).CopyTo(span);
            return n;
        },
        _ => null,
    };

    /// <summary>Reads until <paramref name="destination"/> is full or the stream ends; returns the bytes read.</summary>
    public static int ReadFully(Func<long, Span<byte>, int> read, long offset, Span<byte> destination)
    {
        int done = 0;
        while (done < destination.Length)
        {
            int n = read(offset + done, destination[done..]);
            if (n <= 0)
            {
                break;
            }

            done += n;
        }

        return done;
    }
}
