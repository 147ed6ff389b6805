namespace Provenance.IO;

/// <summary>
/// A read-only, seekable view of part of another stream: positions are relative to <c>origin</c> and reads never run
/// past <c>origin + length</c>. Lets handlers treat an asset that starts mid-stream as starting at zero. Given a
/// <see cref="ReadBudget"/>, every read through it, positional ones included, is charged to that budget.
/// </summary>
internal sealed class SubStream : Stream
{
    private readonly Stream _inner;
    private readonly long _origin;
    private readonly long _length;
    private readonly ReadBudget? _budget;
    private readonly Func<long, Span<byte>, int>? _positional;
    private long _position;

    /// <summary>
    /// Creates a view from <paramref name="origin"/> to the end of <paramref name="inner"/>, or of the given length, whose
    /// reads are charged to <paramref name="budget"/> when one is given.
    /// </summary>
    public SubStream(Stream inner, long origin, long? length = null, ReadBudget? budget = null)
    {
        _budget = budget;
        ArgumentNullException.ThrowIfNull(inner);
        if (!inner.CanRead)
        {
            throw new ArgumentException("The stream must be readable.", nameof(inner));
        }

        _inner = inner;
        _origin = origin;
        _length = length ?? (inner.CanSeek ? inner.Length - origin : throw new ArgumentException("The stream must be seekable.", nameof(inner)));
        ArgumentOutOfRangeException.ThrowIfNegative(_length);
    }

    // A view that reads through a positional reader (which charges any budget itself) rather than the inner stream.
    private SubStream(Func<long, Span<byte>, int> positional, long length)
    {
        _inner = Null;
        _length = length;
        _positional = positional;
    }

    /// <summary>
    /// Another view of the same bytes, with a position of its own, that reads by position (charged to the same budget):
    /// another thread can read it while this view is read. Null when the stream beneath cannot be read by position.
    /// </summary>
    internal SubStream? TryCreateConcurrentView() => TryGetPositionalReader() is { } read ? new SubStream(read, _length) : null;

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => true;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => _length;

    /// <inheritdoc />
    public override long Position
    {
        get => _position;
        set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        int n = Limit(buffer.Length);
        if (n == 0)
        {
            return 0;
        }

        if (_positional is not null)
        {
            int got = _positional(_position, buffer[..n]);
            _position += got;
            return got;
        }

        _inner.Position = _origin + _position;
        int read = _inner.Read(buffer[..n]);
        _budget?.Charge(_position, read);
        _position += read;
        return read;
    }

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int n = Limit(buffer.Length);
        if (n == 0)
        {
            return 0;
        }

        if (_positional is not null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Read(buffer.Span[..n]);
        }

        _inner.Position = _origin + _position;
        int read = await _inner.ReadAsync(buffer[..n], cancellationToken).ConfigureAwait(false);
        _budget?.Charge(_position, read);
        _position += read;
        return read;
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => _length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        return _position;
    }

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>A thread-safe positional reader over this view, when the inner stream is a file or memory; its reads are charged too.</summary>
    internal Func<long, Span<byte>, int>? TryGetPositionalReader()
    {
        if (_positional is not null)
        {
            return _positional;
        }

        if (_budget is not { } budget || Unbudgeted() is not { } read)
        {
            return Unbudgeted();
        }

        return (offset, span) =>
        {
            int n = read(offset, span);
            budget.Charge(offset, n);
            return n;
        };
    }

    private Func<long, Span<byte>, int>? Unbudgeted()
    {
        long origin = _origin;
        long length = _length;
        return _inner switch
        {
            FileStream file => (offset, span) => RandomAccess.Read(file.SafeFileHandle, span[..(int)Math.Max(0, Math.Min(span.Length, length - offset))], origin + offset),
            MemoryStream memory when memory.TryGetBuffer(out ArraySegment<byte> buffer) => (offset, span) =>
            {
                int n = (int)Math.Max(0, Math.Min(span.Length, Math.Min(length - offset, buffer.Count - origin - offset)));
                buffer.AsSpan((int)(origin + offset), n).CopyTo(span);
                return n;
            },
            _ => null,
        };
    }

    private int Limit(int requested) => (int)Math.Max(0, Math.Min(requested, _length - _position));
}
