using System.Security.Cryptography;
using Provenance.Formats;

namespace Provenance.Tests.Formats;

/// <summary>
/// The writer reads, hashes and writes blocks in a pipeline (issue 12): the output and the hash must still be exactly
/// the sequential ones, whatever sizes the streams return, and a failure in any stage must surface, not be lost.
/// </summary>
public sealed class EmbeddingWriterTests
{
    private static readonly byte[] Input = RandomNumberGenerator.GetBytes((5 << 20) + 12345);

    // Several megabyte blocks from two input pieces, out of order, around a literal and a store.
    private static EmbeddingPlan Plan() => new(
    [
        new InputPiece(3 << 20, Input.Length - (3 << 20)),
        new LiteralPiece(new byte[] { 1, 2, 3 }),
        new StorePiece(100),
        new InputPiece(0, 3 << 20),
    ]);

    private static byte[] Expected(byte[] store) =>
        [.. Input.AsSpan(3 << 20), 1, 2, 3, .. store, .. Input.AsSpan(0, 3 << 20)];

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(65537)] // short reads: the pipeline must not assume full blocks
    public async Task Output_and_hash_equal_the_sequential_ones(int maxRead)
    {
        byte[] store = RandomNumberGenerator.GetBytes(100);
        using var output = new MemoryStream();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        await EmbeddingWriter.WriteAsync(new ShortReadStream(Input, maxRead), output, Plan(), store, hash);

        byte[] expected = Expected(store);
        Assert.Equal(expected, output.ToArray());
        byte[] outsideStore = [.. expected.AsSpan(0, Input.Length - (3 << 20) + 3), .. expected.AsSpan(Input.Length - (3 << 20) + 103)];
        Assert.Equal(SHA256.HashData(outsideStore), hash.GetHashAndReset());
    }

    [Fact]
    public async Task A_failing_write_surfaces()
    {
        var output = new FailingWriteStream(failAfterBytes: 2 << 20);

        IOException ex = await Assert.ThrowsAsync<IOException>(() => EmbeddingWriter.WriteAsync(new MemoryStream(Input), output, Plan(), new byte[100]));

        Assert.Equal("disk full", ex.Message);
    }

    [Fact]
    public async Task A_truncated_input_is_named_with_its_offset()
    {
        byte[] shorter = Input[..(4 << 20)];

        ProvenanceFormatException ex = await Assert.ThrowsAsync<ProvenanceFormatException>(() => EmbeddingWriter.WriteAsync(new MemoryStream(shorter), new MemoryStream(), Plan(), new byte[100]));

        Assert.Equal(FormatLayer.Io, ex.Layer);
        Assert.Equal(4 << 20, ex.Offset);
    }

    [Fact]
    public async Task Cancellation_during_the_copy_stops_it()
    {
        using var cancellation = new CancellationTokenSource();
        var output = new FailingWriteStream(failAfterBytes: long.MaxValue, onWrite: written =>
        {
            if (written > (1 << 20))
            {
                cancellation.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => EmbeddingWriter.WriteAsync(new MemoryStream(Input), output, Plan(), new byte[100], cancellationToken: cancellation.Token));
        Assert.True(output.Length < Input.Length, $"{output.Length} bytes written after cancellation");
    }

    private sealed class ShortReadStream(byte[] data, int maxRead) : MemoryStream(data, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, maxRead));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => base.ReadAsync(buffer[..Math.Min(buffer.Length, maxRead)], cancellationToken);
    }

    // Writes asynchronously (as a file does, on the thread pool), failing once the given count is passed.
    internal sealed class FailingWriteStream(long failAfterBytes, Action<long>? onWrite = null) : MemoryStream
    {
        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            if (Length + buffer.Length > failAfterBytes)
            {
                throw new IOException("disk full");
            }

            Write(buffer.Span);
            onWrite?.Invoke(Length);
        }
    }
}
