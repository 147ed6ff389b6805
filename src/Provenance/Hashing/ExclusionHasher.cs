using System.Security.Cryptography;

namespace Provenance.Hashing;

/// <summary>
/// Hashes a byte sequence while leaving out exclusion ranges (C2PA 2.2 §18.5: a data hash covers every byte outside its
/// exclusions). Shaped like System.IO.Hashing: feed it the sequence in order with <see cref="Append"/>.
/// </summary>
internal sealed class ExclusionHasher : IDisposable
{
    private readonly IncrementalHash _hash;
    private readonly ExclusionRange[] _exclusions;
    private int _next;

    /// <summary>Creates a hasher.</summary>
    /// <param name="algorithm">The hash algorithm.</param>
    /// <param name="exclusions">Ranges to leave out, ordered by start and not overlapping.</param>
    /// <param name="startPosition">The position of the first byte that will be appended.</param>
    /// <exception cref="ArgumentException">The exclusions overlap, are out of order, or negative.</exception>
    public ExclusionHasher(HashAlgorithmName algorithm, IReadOnlyList<ExclusionRange> exclusions, long startPosition = 0)
    {
        ArgumentNullException.ThrowIfNull(exclusions);
        Validate(exclusions);
        _hash = IncrementalHash.CreateHash(algorithm);
        _exclusions = [.. exclusions];
        Position = startPosition;
        while (_next < _exclusions.Length && _exclusions[_next].End <= Position)
        {
            _next++;
        }
    }

    /// <summary>The position of the next byte to append.</summary>
    public long Position { get; private set; }

    /// <summary>Appends bytes that continue the sequence at <see cref="Position"/>.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            if (_next >= _exclusions.Length)
            {
                _hash.AppendData(data);
                Position += data.Length;
                return;
            }

            ExclusionRange exclusion = _exclusions[_next];
            if (Position < exclusion.Start)
            {
                int included = (int)Math.Min(data.Length, exclusion.Start - Position);
                _hash.AppendData(data[..included]);
                Position += included;
                data = data[included..];
            }
            else
            {
                int skipped = (int)Math.Min(data.Length, exclusion.End - Position);
                Position += skipped;
                data = data[skipped..];
                if (Position >= exclusion.End)
                {
                    _next++;
                }
            }
        }
    }

    /// <summary>The hash of what was appended outside the exclusions.</summary>
    public byte[] GetHashAndReset() => _hash.GetHashAndReset();

    /// <inheritdoc />
    public void Dispose() => _hash.Dispose();

    /// <summary>Checks that ranges are ordered, non-overlapping and non-negative.</summary>
    /// <exception cref="ArgumentException">They are not.</exception>
    public static void Validate(IReadOnlyList<ExclusionRange> exclusions)
    {
        ArgumentNullException.ThrowIfNull(exclusions);
        long previousEnd = 0;
        foreach (ExclusionRange range in exclusions)
        {
            if (range.Start < 0 || range.Length < 0 || range.Start > long.MaxValue - range.Length)
            {
                throw new ArgumentException($"Exclusion {range.Start}+{range.Length} is out of range.", nameof(exclusions));
            }

            if (range.Start < previousEnd)
            {
                throw new ArgumentException("Exclusions must be ordered by start and must not overlap.", nameof(exclusions));
            }

            previousEnd = range.End;
        }
    }
}
