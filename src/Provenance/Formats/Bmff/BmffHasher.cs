using System.Buffers.Binary;
using System.Security.Cryptography;
using Provenance.Hashing;

namespace Provenance.Formats.Bmff;

/// <summary>
/// Computes the flat hash of a BMFF hash assertion (C2PA 2.2 §18.6.2, as c2pa-rs computes it): exclusions are matched
/// by xpath, length, data, version and flags; every top-level box not wholly excluded contributes its absolute offset
/// as a 64-bit big-endian number followed by its bytes outside the excluded ranges. Boxes are hashed as they are walked,
/// one at a time, so memory does not grow with their number.
/// </summary>
internal static class BmffHasher
{
    /// <param name="stream">The file, read from offset 0.</param>
    /// <param name="topLevel">Its top-level boxes (remembered, or read as they are enumerated).</param>
    /// <param name="algorithm">The hash algorithm.</param>
    /// <param name="exclusions">What the hash leaves out.</param>
    /// <param name="progress">Receives the number of bytes hashed.</param>
    /// <param name="cancellationToken">Cancels hashing.</param>
    /// <param name="hashBoxOffsets">Whether each box's offset is hashed (c2pa.hash.bmff.v2 and later).</param>
    /// <param name="options">The caller's limits: how deep an exclusion's path is followed (<see cref="AssetReadOptions.MaxBoxDepth"/>), how many boxes are walked.</param>
    /// <exception cref="ProvenanceFormatException">The box structure is broken (a box runs past the end of the file).</exception>
    public static async Task<byte[]> HashAsync(Stream stream, IEnumerable<BmffBoxHeader> topLevel, HashAlgorithmName algorithm, IReadOnlyList<BmffExclusion> exclusions, IProgress<long>? progress, CancellationToken cancellationToken, bool hashBoxOffsets, AssetReadOptions options)
    {
        List<Compiled> compiled = [];
        foreach (BmffExclusion exclusion in exclusions)
        {
            if (BmffPath.TryParse(exclusion.XPath) is { } path)
            {
                compiled.Add(new Compiled(exclusion, path, [.. exclusion.Subset.OrderBy(s => s.Offset)]));
            }
        }

        int[] seen = new int[compiled.Count];
        BmffReader? reader = null;
        await using var hasher = new SequentialRangeHasher(stream, algorithm, progress);
        byte[] offset = new byte[8];
        var sources = new List<IEnumerator<(long Start, long End)>>();
        foreach (BmffBoxHeader box in topLevel)
        {
            bool wholly = false;
            sources.Clear();
            for (int i = 0; i < compiled.Count; i++)
            {
                Compiled exclusion = compiled[i];
                if (exclusion.Path.First.Type != box.Type || (exclusion.Path.First.Index is int wanted && ++seen[i] != wanted) || wholly)
                {
                    continue;
                }

                if (exclusion.Path.Steps.Length == 1 && exclusion.Subset.Length == 0)
                {
                    wholly = Matches(box, exclusion.Exclusion, stream);
                    continue;
                }

                // Paths below the top level are followed with a reader of their own, opened once.
                reader ??= BmffReader.Open(stream, options);
                sources.Add(ExcludedRanges(reader, box, exclusion, stream, options.MaxBoxDepth, cancellationToken).GetEnumerator());
            }

            if (wholly)
            {
                sources.ForEach(s => s.Dispose());
                continue;
            }

            if (hashBoxOffsets)
            {
                // c2pa.hash.bmff.v2 and later hash each box's offset; the 1.x c2pa.hash.bmff does not.
                BinaryPrimitives.WriteUInt64BigEndian(offset, (ulong)box.Offset);
                hasher.AppendBytes(offset);
            }

            long position = box.Offset;
            if (sources.Count > 0)
            {
                foreach ((long start, long end) in Merge(sources))
                {
                    if (start > position)
                    {
                        await hasher.AppendRangeAsync(position, start - position, cancellationToken).ConfigureAwait(false);
                    }

                    position = Math.Max(position, end);
                }
            }

            if (position < box.End)
            {
                await hasher.AppendRangeAsync(position, box.End - position, cancellationToken).ConfigureAwait(false);
            }
        }

        return hasher.GetHash();
    }

    /// <summary>The ranges one exclusion removes from one top-level box, in file order.</summary>
    private static IEnumerable<(long Start, long End)> ExcludedRanges(BmffReader reader, BmffBoxHeader topLevel, Compiled exclusion, Stream stream, int maxBoxDepth, CancellationToken cancellationToken)
    {
        foreach (BmffBoxHeader box in exclusion.Path.Select(reader, topLevel, maxBoxDepth, cancellationToken))
        {
            if (!Matches(box, exclusion.Exclusion, stream))
            {
                continue;
            }

            if (exclusion.Subset.Length == 0)
            {
                yield return (box.Offset, box.End);
                continue;
            }

            foreach ((long offset, long length) in exclusion.Subset)
            {
                if (offset <= box.Size)
                {
                    yield return (box.Offset + offset, length == 0 ? box.End : Math.Min(box.End, box.Offset + offset + length));
                }
            }
        }
    }

    private static bool Matches(BmffBoxHeader box, BmffExclusion exclusion, Stream stream)
    {
        if (exclusion.Length is long length && length != box.Size)
        {
            return false;
        }

        if (exclusion.Version is int version && box.FullBox is { } full && full.Version != version)
        {
            return false;
        }

        if (exclusion.Flags is { Length: >= 3 } flags && box.FullBox is { } withFlags)
        {
            uint wanted = ((uint)flags[0] << 16) | ((uint)flags[1] << 8) | flags[2];
            bool exact = exclusion.Exact ?? true;
            if (exact ? wanted != withFlags.Flags : (wanted | withFlags.Flags) != wanted)
            {
                return false;
            }
        }

        foreach ((long offset, byte[] value) in exclusion.Data)
        {
            if (offset < 0 || offset + value.Length > box.Size)
            {
                return false;
            }

            byte[] actual = new byte[value.Length];
            stream.Position = box.Offset + offset;
            stream.ReadExactly(actual);
            if (!actual.AsSpan().SequenceEqual(value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Merges ranges from sources that are each in order of start into ordered, non-overlapping ranges.</summary>
    private static IEnumerable<(long Start, long End)> Merge(List<IEnumerator<(long Start, long End)>> sources)
    {
        var queue = new PriorityQueue<IEnumerator<(long Start, long End)>, long>(sources.Count);
        try
        {
            foreach (IEnumerator<(long Start, long End)> source in sources)
            {
                if (source.MoveNext())
                {
                    queue.Enqueue(source, source.Current.Start);
                }
            }

            (long Start, long End)? open = null;
            while (queue.TryDequeue(out IEnumerator<(long Start, long End)>? source, out _))
            {
                (long start, long end) = source.Current;
                if (source.MoveNext())
                {
                    queue.Enqueue(source, source.Current.Start);
                }

                if (open is { } o && start <= o.End)
                {
                    open = (o.Start, Math.Max(o.End, end));
                }
                else
                {
                    if (open is { } done)
                    {
                        yield return done;
                    }

                    open = (start, end);
                }
            }

            if (open is { } last)
            {
                yield return last;
            }
        }
        finally
        {
            sources.ForEach(s => s.Dispose());
        }
    }

    private sealed record Compiled(BmffExclusion Exclusion, BmffPath Path, (long Offset, long Length)[] Subset);
}
