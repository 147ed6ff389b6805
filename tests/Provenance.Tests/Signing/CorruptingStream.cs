namespace Provenance.Tests.Signing;

/// <summary>
/// A readable, seekable stream over memory that damages what is written to it, as a faulty disk or a buggy layer
/// would: it flips one bit of the first forward write that covers <c>flipAt</c>, or of the last byte of any write that
/// goes back over bytes already written (the manifest store, which signing writes last).
/// </summary>
internal sealed class CorruptingStream(long? flipAt = null, bool flipRewrites = false) : MemoryStream
{
    private long _highWater;
    private bool _flipped;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        byte[] copy = buffer.ToArray();
        long position = Position;
        if (flipRewrites && position < _highWater && copy.Length > 0)
        {
            copy[^1] ^= 0x01;
        }
        else if (!_flipped && flipAt is long at && at >= position && at < position + copy.Length)
        {
            copy[at - position] ^= 0x01;
            _flipped = true;
        }

        base.Write(copy, 0, copy.Length);
        _highWater = Math.Max(_highWater, Position);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override void WriteByte(byte value) => Write([value]);
}
