using System.Buffers;
using System.Security.Cryptography;
using Provenance.IO;

namespace Provenance.Hashing;

/// <summary>
/// Hashes ranges of a seekable stream, given in ascending order, and literal bytes between them, as they are found: a
/// caller walking boxes hashes each one on the way instead of first listing them all. Reads are at least 64 KiB, so
/// many small ranges share one read, and at most 4 MiB; the rest of a long range is read ahead on another thread while
/// the current block is hashed, when the stream allows positional reads (files, memory). Memory is two pooled blocks,
/// rented as large as the reads need (a BMFF hash whose mdat is left to Merkle trees reads kilobytes, not megabytes).
/// </summary>
internal sealed class SequentialRangeHasher : IAsyncDisposable
{
    private const int MinRead = 64 * 1024;

    // Small pieces (a box's offset and its few bytes) are gathered and hashed together: one call per piece into the
    // hash implementation costs more than hashing eight bytes.
    private const int StageSize = 16 * 1024;

    private readonly Stream _stream;
    private readonly IncrementalHash _hash;
    private readonly IProgress<long>? _progress;
    private readonly Func<long, Span<byte>, int>? _positional;
    private readonly long _length;
    private byte[] _current = [];
    private byte[] _next = [];
    private long _currentStart;
    private int _currentLength;
    private Task<int>? _pending;
    private long _pendingStart;
    private long _hashed;
    private readonly byte[] _stage = ArrayPool<byte>.Shared.Rent(StageSize);
    private int _staged;

    public SequentialRangeHasher(Stream stream, HashAlgorithmName algorithm, IProgress<long>? progress)
    {
        _stream = stream;
        _hash = IncrementalHash.CreateHash(algorithm);
        _progress = progress;
        _positional = PositionalReads.TryCreate(stream);
        _length = stream.Length;
    }

    /// <summary>Hashes literal bytes (a box offset, C2PA 2.2 §18.6.2) at this point of the sequence.</summary>
    public void AppendBytes(ReadOnlySpan<byte> bytes) => Append(bytes);

    /// <summary>Hashes <paramref name="length"/> bytes of the stream from <paramref name="start"/>.</summary>
    /// <exception cref="ProvenanceFormatException">The stream ends before the range does.</exception>
    public async ValueTask AppendRangeAsync(long start, long length, CancellationToken cancellationToken)
    {
        long end = start + length;
        while (start < end)
        {
            if (start < _currentStart || start >= _currentStart + _currentLength)
            {
                await LoadAsync(start, end - start, cancellationToken).ConfigureAwait(false);
            }

            int offset = (int)(start - _currentStart);
            int count = (int)Math.Min(_currentLength - offset, end - start);
            Append(_current.AsSpan(offset, count));
            start += count;
            _hashed += count;
            _progress?.Report(_hashed);
        }
    }

    public byte[] GetHash()
    {
        Flush();
        return _hash.GetHashAndReset();
    }

    public async ValueTask DisposeAsync()
    {
        if (_pending is not null)
        {
            // The read-ahead writes into _next: let it finish (its error, if any, no longer matters) before returning it.
            await Task.WhenAny(_pending).ConfigureAwait(false);
        }

        _hash.Dispose();
        Release(_current);
        Release(_next);
        ArrayPool<byte>.Shared.Return(_stage);
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > StageSize / 4)
        {
            Flush();
            _hash.AppendData(bytes);
            return;
        }

        if (_staged + bytes.Length > StageSize)
        {
            Flush();
        }

        bytes.CopyTo(_stage.AsSpan(_staged));
        _staged += bytes.Length;
    }

    private void Flush()
    {
        _hash.AppendData(_stage, 0, _staged);
        _staged = 0;
    }

    private async ValueTask LoadAsync(long start, long wanted, CancellationToken cancellationToken)
    {
        if (_pending is { } pending)
        {
            _pending = null;
            int ahead = await pending.ConfigureAwait(false);
            if (_pendingStart == start && ahead > 0)
            {
                (_current, _next) = (_next, _current);
                _currentStart = start;
                _currentLength = ahead;
                StartReadAhead(wanted - ahead);
                return;
            }
        }

        int size = (int)Math.Min(Math.Clamp(wanted, MinRead, StreamHasher.BlockSize), _length - start);
        int read = 0;
        if (size > 0)
        {
            Reserve(ref _current, size);
            if (_positional is not null)
            {
                read = PositionalReads.ReadFully(_positional, start, _current.AsSpan(0, size));
            }
            else
            {
                _stream.Position = start;
                read = await _stream.ReadAtLeastAsync(_current.AsMemory(0, size), size, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            }
        }

        if (read == 0)
        {
            throw new ProvenanceFormatException(FormatLayer.Io, start, "the stream ended before its reported length");
        }

        _currentStart = start;
        _currentLength = read;
        StartReadAhead(wanted - read);
    }

    // Only while no read-ahead writes into the buffer: LoadAsync awaits it first.
    private static void Reserve(ref byte[] buffer, int size)
    {
        if (buffer.Length < size)
        {
            Release(buffer);
            buffer = ArrayPool<byte>.Shared.Rent(size);
        }
    }

    private static void Release(byte[] buffer)
    {
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void StartReadAhead(long stillWanted)
    {
        long start = _currentStart + _currentLength;
        int size = (int)Math.Min(Math.Min(stillWanted, StreamHasher.BlockSize), _length - start);
        if (_positional is not { } read || size <= 0)
        {
            return;
        }

        Reserve(ref _next, size);
        byte[] buffer = _next;
        _pendingStart = start;
        _pending = Task.Run(() => PositionalReads.ReadFully(read, start, buffer.AsSpan(0, size)));
    }
}
