using System.Buffers;
using System.Security.Cryptography;

namespace Provenance.Hashing;

/// <summary>
/// Hashes a seekable stream outside exclusion ranges in large sequential blocks, reading the next block while the
/// current one is hashed, and seeking over excluded ranges instead of reading them. Memory use is two pooled blocks,
/// whatever the stream's size, and no larger than the largest range hashed.
/// </summary>
internal static class StreamHasher
{
    /// <summary>Block size: large enough for sequential throughput, small enough to stay in cache-friendly pools.</summary>
    internal const int BlockSize = 4 * 1024 * 1024;

    /// <summary>Hashes <paramref name="stream"/> from position 0 to its end, leaving out the exclusions.</summary>
    /// <param name="stream">A seekable stream.</param>
    /// <param name="algorithm">The hash algorithm.</param>
    /// <param name="exclusions">Ordered, non-overlapping ranges; a range past the end is clipped.</param>
    /// <param name="progress">Receives the number of bytes processed.</param>
    /// <param name="cancellationToken">Cancels hashing.</param>
    public static Task<byte[]> HashAsync(Stream stream, HashAlgorithmName algorithm, IReadOnlyList<ExclusionRange> exclusions, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ExclusionHasher.Validate(exclusions);
        List<HashSegment> included = [.. IncludedRanges(exclusions, stream.Length).Select(r => HashSegment.Range(r.Start, r.End - r.Start))];
        return HashSegmentsAsync(stream, algorithm, included, progress, cancellationToken);
    }

    /// <summary>
    /// Hashes a sequence of stream ranges and literal byte strings, in order, with the same read-ahead. BMFF hashes use it
    /// to put each top-level box's offset before its bytes (C2PA 2.2 §18.6.2).
    /// </summary>
    public static async Task<byte[]> HashSegmentsAsync(Stream stream, HashAlgorithmName algorithm, IReadOnlyList<HashSegment> segments, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(segments);
        using var hash = IncrementalHash.CreateHash(algorithm);
        var blocks = new List<(long Start, int Count, byte[]? Literal)>();
        foreach (HashSegment segment in segments)
        {
            if (segment.Literal is { } literal)
            {
                blocks.Add((0, literal.Length, literal));
                continue;
            }

            for (long position = segment.Start; position < segment.Start + segment.Length; position += BlockSize)
            {
                blocks.Add((position, (int)Math.Min(BlockSize, segment.Start + segment.Length - position), null));
            }
        }

        // Buffers no larger than the largest block: a small asset (an image in a batch, a small file given to the tool)
        // needs no megabytes, and a process's first 4 MiB rentals land on the large object heap and bring a full
        // garbage collection into a verification of 20 KB.
        int size = Math.Max(1, blocks.Where(b => b.Literal is null).Select(b => b.Count).DefaultIfEmpty(0).Max());
        byte[] current = ArrayPool<byte>.Shared.Rent(size);
        byte[] next = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            long done = 0;
            int NextRead(int from)
            {
                int index = from;
                while (index < blocks.Count && blocks[index].Literal is not null)
                {
                    index++;
                }

                return index;
            }

            int pendingIndex = NextRead(0);
            Task<int>? pending = pendingIndex < blocks.Count ? ReadBlockAsync(stream, (blocks[pendingIndex].Start, blocks[pendingIndex].Count), current, cancellationToken) : null;
            for (int i = 0; i < blocks.Count; i++)
            {
                if (blocks[i].Literal is { } literal)
                {
                    hash.AppendData(literal);
                    continue;
                }

                int read = await pending!.ConfigureAwait(false);
                if (read != blocks[i].Count)
                {
                    throw new ProvenanceFormatException(FormatLayer.Io, blocks[i].Start + read, "the stream ended before its reported length");
                }

                pendingIndex = NextRead(i + 1);
                pending = pendingIndex < blocks.Count ? ReadBlockAsync(stream, (blocks[pendingIndex].Start, blocks[pendingIndex].Count), next, cancellationToken) : null;
                hash.AppendData(current, 0, read);
                done += read;
                progress?.Report(done);
                (current, next) = (next, current);
            }

            return hash.GetHashAndReset();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(current);
            ArrayPool<byte>.Shared.Return(next);
        }
    }

    /// <summary>Synchronous <see cref="HashAsync"/>.</summary>
    public static byte[] Hash(Stream stream, HashAlgorithmName algorithm, IReadOnlyList<ExclusionRange> exclusions, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
        => HashAsync(stream, algorithm, exclusions, progress, cancellationToken).GetAwaiter().GetResult();

    private static List<(long Start, long End)> IncludedRanges(IReadOnlyList<ExclusionRange> exclusions, long length)
    {
        var included = new List<(long, long)>();
        long position = 0;
        foreach (ExclusionRange range in exclusions)
        {
            long start = Math.Min(range.Start, length);
            if (start > position)
            {
                included.Add((position, start));
            }

            position = Math.Max(position, Math.Min(range.End, length));
        }

        if (position < length)
        {
            included.Add((position, length));
        }

        return included;
    }

    private static async Task<int> ReadBlockAsync(Stream stream, (long Start, int Count) block, byte[] buffer, CancellationToken cancellationToken)
    {
        stream.Position = block.Start;
        return await stream.ReadAtLeastAsync(buffer.AsMemory(0, block.Count), block.Count, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
    }
}
