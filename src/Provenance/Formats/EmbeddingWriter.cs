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
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
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
                        input.Position = copy.InputOffset;
                        long remaining = copy.Count;
                        while (remaining > 0)
                        {
                            int want = (int)Math.Min(remaining, buffer.Length);
                            int read = await input.ReadAsync(buffer.AsMemory(0, want), cancellationToken).ConfigureAwait(false);
                            if (read == 0)
                            {
                                throw new ProvenanceFormatException(FormatLayer.Io, copy.InputOffset + copy.Count - remaining, "input ended before the planned copy was complete");
                            }

                            observer?.Append(buffer.AsSpan(0, read));
                            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                            remaining -= read;
                            written += read;
                            progress?.Report(written);
                        }

                        break;
                    case LiteralPiece literal:
                        observer?.Append(literal.Bytes.Span);
                        await output.WriteAsync(literal.Bytes, cancellationToken).ConfigureAwait(false);
                        written += literal.Length;
                        break;
                    case StorePiece store:
                        if (encodedStore.Length == 0)
                        {
                            await WriteZerosAsync(output, store.Length, buffer, cancellationToken).ConfigureAwait(false);
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
            ArrayPool<byte>.Shared.Return(buffer);
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
