using System.Buffers;
using System.Security.Cryptography;

namespace Provenance.Formats;

/// <summary>Executes an <see cref="EmbeddingPlan"/>: copies input pieces, writes literal pieces and the framed store.</summary>
internal static class EmbeddingWriter
{
    private const int BufferSize = 1 << 20;

    /// <summary>
    /// Writes the planned output. Every byte outside the store piece is also appended to
    /// <paramref name="hashOutsideStore"/> when one is given, so a data hash is computed while copying.
    /// </summary>
    /// <param name="input">The input asset (seekable).</param>
    /// <param name="output">Where the output goes; written sequentially from its current position.</param>
    /// <param name="plan">The plan from the format handler.</param>
    /// <param name="encodedStore">The framed store; its length must equal the plan's store piece. Empty for a removal plan, or to write zeros as a placeholder.</param>
    /// <param name="hashOutsideStore">Optional incremental hash fed with all bytes outside the store piece.</param>
    /// <param name="progress">Receives the number of output bytes written so far.</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    public static Task WriteAsync(
        Stream input,
        Stream output,
        EmbeddingPlan plan,
        ReadOnlyMemory<byte> encodedStore,
        IncrementalHash? hashOutsideStore = null,
        IProgress<long>? progress = null,
        CancellationToken cancellationToken = default)
        => WriteAsync(input, output, plan, encodedStore, hashOutsideStore is null ? null : new HashObserver(hashOutsideStore), progress, cancellationToken);

    /// <summary>Writes the planned output, showing every piece and every byte outside the store to <paramref name="observer"/>.</summary>
    internal static async Task WriteAsync(
        Stream input,
        Stream output,
        EmbeddingPlan plan,
        ReadOnlyMemory<byte> encodedStore,
        IOutputObserver? observer,
        IProgress<long>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(plan);
        // Small assets (an image in a batch) need no megabyte buffers.
        long largest = plan.Pieces.Select(p => p.Length).DefaultIfEmpty(0).Max();
        int size = (int)Math.Clamp(largest, 4096, BufferSize);
        byte[][] buffers = [ArrayPool<byte>.Shared.Rent(size), ArrayPool<byte>.Shared.Rent(size), ArrayPool<byte>.Shared.Rent(size)];
        try
        {
            long written = 0;
            foreach (OutputPiece piece in plan.Pieces)
            {
                cancellationToken.ThrowIfCancellationRequested();
                observer?.StartPiece(piece, written);
                switch (piece)
                {
                    case InputPiece copy:
                        written = await CopyAsync(input, output, copy, written, buffers, observer, progress, cancellationToken).ConfigureAwait(false);
                        break;
                    case LiteralPiece literal:
                        observer?.Append(literal.Bytes.Span);
                        await output.WriteAsync(literal.Bytes, cancellationToken).ConfigureAwait(false);
                        written += literal.Length;
                        break;
                    case StorePiece store:
                        if (encodedStore.Length == 0)
                        {
                            await WriteZerosAsync(output, store.Length, buffers[0], cancellationToken).ConfigureAwait(false);
                        }
                        else if (encodedStore.Length != store.Length)
                        {
                            throw new ArgumentException($"The framed store has {encodedStore.Length} bytes but the plan reserved {store.Length}.", nameof(encodedStore));
                        }
                        else
                        {
                            await output.WriteAsync(encodedStore, cancellationToken).ConfigureAwait(false);
                        }

                        written += store.Length;
                        break;
                    default:
                        throw new InvalidOperationException($"Unknown output piece {piece.GetType().Name}.");
                }
            }

            progress?.Report(written);
        }
        finally
        {
            foreach (byte[] buffer in buffers)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    // Copies one input piece through three buffers, so that the read of the next block, the observer's hashing of this
    // one and the write of the last are under way together (file reads and writes run on the thread pool): signing
    // then costs about its hashing, not hashing plus copying. Returns the output length written so far.
    private static async Task<long> CopyAsync(Stream input, Stream output, InputPiece copy, long written, byte[][] buffers, IOutputObserver? observer, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        input.Position = copy.InputOffset;
        long remaining = copy.Count;
        Task<int>? reading = remaining > 0 ? ReadBlockAsync(input, buffers[0], remaining, cancellationToken) : null;
        Task writing = Task.CompletedTask;
        try
        {
            for (int block = 0; reading is not null; block++)
            {
                int read = await reading.ConfigureAwait(false);
                reading = null;
                if (read == 0)
                {
                    throw new ProvenanceFormatException(FormatLayer.Io, copy.InputOffset + copy.Count - remaining, "input ended before the planned copy was complete");
                }

                remaining -= read;
                Memory<byte> current = buffers[block % 3].AsMemory(0, read);
                if (remaining > 0)
                {
                    // The third buffer: its write was awaited before the current block's was started.
                    reading = ReadBlockAsync(input, buffers[(block + 1) % 3], remaining, cancellationToken);
                }

                observer?.Append(current.Span);
                await writing.ConfigureAwait(false);
                writing = output.WriteAsync(current, cancellationToken).AsTask();
                written += read;
                progress?.Report(written);
            }

            await writing.ConfigureAwait(false);
            return written;
        }
        finally
        {
            // On failure, let whatever is still using a buffer finish before the buffers go back to the pool.
            await Settle(reading).ConfigureAwait(false);
            await Settle(writing).ConfigureAwait(false);
        }
    }

    private static Task<int> ReadBlockAsync(Stream input, byte[] buffer, long remaining, CancellationToken cancellationToken)
        => input.ReadAsync(buffer.AsMemory(0, (int)Math.Min(remaining, buffer.Length)), cancellationToken).AsTask();

    private static async Task Settle(Task? task)
    {
        if (task is not null)
        {
            await task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Feeds every byte outside the store to an incremental hash: a data hash.</summary>
    private sealed class HashObserver(IncrementalHash hash) : IOutputObserver
    {
        public void StartPiece(OutputPiece piece, long outputOffset)
        {
        }

        public void Append(ReadOnlySpan<byte> data) => hash.AppendData(data);
    }

    private static async Task WriteZerosAsync(Stream output, long count, byte[] buffer, CancellationToken cancellationToken)
    {
        Array.Clear(buffer);
        while (count > 0)
        {
            int n = (int)Math.Min(count, buffer.Length);
            await output.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
            count -= n;
        }
    }
}
