using System.Buffers.Binary;
using System.Security.Cryptography;
using Provenance.Assertions;
using Provenance.Hashing;

namespace Provenance.Formats.Bmff;

/// <summary>
/// Computes the flat hash of a BMFF hash assertion (C2PA 2.2 §18.6.2, as c2pa-rs computes it): exclusions are matched
/// by xpath, length, data, version and flags; every top-level box not wholly excluded contributes its absolute offset
/// as a 64-bit big-endian number followed by its bytes outside the excluded ranges.
/// </summary>
internal static class BmffHasher
{
    public static async Task<byte[]> HashAsync(Stream stream, HashAlgorithmName algorithm, IReadOnlyList<BmffExclusion> exclusions, IProgress<long>? progress, CancellationToken cancellationToken, bool hashBoxOffsets = true)
    {
        List<BmffBox> boxes = BmffBoxReader.ReadTopLevel(stream, AssetReadOptions.Default.MaxBoxDepth, cancellationToken);
        var excluded = new List<(long Start, long End)>();
        var wholly = new HashSet<long>();
        foreach (BmffExclusion exclusion in exclusions)
        {
            foreach (BmffBox box in Select(boxes, exclusion.XPath))
            {
                if (!Matches(box, exclusion, stream))
                {
                    continue;
                }

                if (exclusion.Subset.Count == 0)
                {
                    excluded.Add((box.Offset, box.End));
                    wholly.Add(box.Offset);
                    continue;
                }

                foreach ((long offset, long length) in exclusion.Subset)
                {
                    if (offset > box.Size)
                    {
                        continue;
                    }

                    long end = length == 0 ? box.End : Math.Min(box.End, box.Offset + offset + length);
                    excluded.Add((box.Offset + offset, end));
                }
            }
        }

        var segments = new List<HashSegment>();
        foreach (BmffBox box in boxes)
        {
            if (wholly.Contains(box.Offset) && boxes.Contains(box))
            {
                continue;
            }

            if (hashBoxOffsets)
            {
                // c2pa.hash.bmff.v2 and later hash each box's offset; the 1.x c2pa.hash.bmff does not.
                byte[] offset = new byte[8];
                BinaryPrimitives.WriteUInt64BigEndian(offset, (ulong)box.Offset);
                segments.Add(HashSegment.Bytes(offset));
            }

            long position = box.Offset;
            foreach ((long start, long end) in Merge(excluded.Where(r => r.End > box.Offset && r.Start < box.End)))
            {
                if (start > position)
                {
                    segments.Add(HashSegment.Range(position, start - position));
                }

                position = Math.Max(position, end);
            }

            if (position < box.End)
            {
                segments.Add(HashSegment.Range(position, box.End - position));
            }
        }

        return await StreamHasher.HashSegmentsAsync(stream, algorithm, segments, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Boxes matching a restricted xpath: <c>/name[/name]…</c>, each name optionally with a 1-based <c>[n]</c>.</summary>
    private static IEnumerable<BmffBox> Select(List<BmffBox> topLevel, string xpath)
    {
        IEnumerable<BmffBox> current = [new BmffBox { Type = default, Offset = -1, Size = 0, HeaderSize = 0 }];
        List<BmffBox> root = topLevel;
        bool first = true;
        foreach (string step in xpath.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            string name = step;
            int? index = null;
            int bracket = step.IndexOf('[', StringComparison.Ordinal);
            if (bracket > 0 && step.EndsWith(']') && int.TryParse(step.AsSpan(bracket + 1, step.Length - bracket - 2), out int n))
            {
                name = step[..bracket];
                index = n;
            }

            IEnumerable<IEnumerable<BmffBox>> levels = first ? [root] : current.Select(b => (IEnumerable<BmffBox>)b.Children);
            current = levels.SelectMany(children =>
            {
                List<BmffBox> named = [.. children.Where(c => c.Type.ToString() == name)];
                return index is int i ? (i >= 1 && i <= named.Count ? [named[i - 1]] : []) : named;
            }).ToList();
            first = false;
        }

        return first ? [] : current;
    }

    private static bool Matches(BmffBox box, BmffExclusion exclusion, Stream stream)
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

    private static IEnumerable<(long Start, long End)> Merge(IEnumerable<(long Start, long End)> ranges)
    {
        (long Start, long End)? open = null;
        foreach ((long start, long end) in ranges.OrderBy(r => r.Start))
        {
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
}
