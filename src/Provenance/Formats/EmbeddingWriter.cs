using System.Buffers;
using System.Security.Cryptography;
using Provenance.IO;

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
                        written = await TryCopyInKernelAsync(input, output, copy, written, buffers[0], observer, progress, cancellationToken).ConfigureAwait(false)
                            ?? await CopyAsync(input, output, copy, written, buffers, observer, progress, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Pieces from this size on are worth handing to the kernel.</summary>
    private const long KernelCopyFrom = 1 << 20;

    // File to file on Linux: each block is copied by the kernel (copy_file_range), page cache to page cache, and read back
    // from the output for the observer while the kernel copies the next, so the hash is of the bytes the output holds.
    // On a disk file system this takes the write of a large asset from about as long as its hash to a fraction of it.
    // Null, with nothing written, when the kernel cannot copy between these files: the caller copies as usual.
    private static async Task<long?> TryCopyInKernelAsync(Stream input, Stream output, InputPiece copy, long written, byte[] buffer, IOutputObserver? observer, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        if (!KernelCopy.IsAvailable || copy.Count < KernelCopyFrom || output is not FileStream { CanSeek: true } target)
        {
            return null;
        }

        if (observer is not null && !target.CanRead)
        {
            return null; // the observer sees what the output holds, read back
        }

        (FileStream? source, long origin) = input switch
        {
            FileStream file => (file, 0L),
            SubStream view when view.TryGetFile(out FileStream? file, out long start) => (file, start),
            _ => ((FileStream?)null, 0L),
        };
        if (source is null)
        {
            return null;
        }

        await target.FlushAsync(cancellationToken).ConfigureAwait(false); // what was written before lands first
        long from = origin + copy.InputOffset;
        long to = target.Position;
        int block = buffer.Length;
        long first = KernelCopy.Copy(source.SafeFileHandle, from, target.SafeFileHandle, to, Math.Min(block, copy.Count));
        if (first < 0)
        {
            return null;
        }

        long done = 0;
        long copied = first;
        Task<long>? copying = null;
        try
        {
            while (done < copy.Count)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (copied <= done)
                {
                    throw new ProvenanceFormatException(FormatLayer.Io, copy.InputOffset + done, "input ended before the planned copy was complete");
                }

                long start = done;
                int length = (int)(copied - done);
                done = copied;
                if (done < copy.Count)
                {
                    long next = done;
                    copying = Task.Run(() => KernelCopy.Copy(source.SafeFileHandle, from + next, target.SafeFileHandle, to + next, Math.Min(block, copy.Count - next)), cancellationToken);
                }

                if (observer is not null)
                {
                    Span<byte> back = buffer.AsSpan(0, length);
                    if (RandomAccess.Read(target.SafeFileHandle, back, to + start) != length)
                    {
                        throw new IOException($"The output could not be read back at offset {to + start}.");
                    }

                    observer.Append(back);
                }

                progress?.Report(written + done);
                if (copying is not null)
                {
                    long n = await copying.ConfigureAwait(false);
                    copying = null;
                    copied = done + (n < 0 ? throw new IOException("The kernel stopped copying between the input and the output part-way.") : n);
                }
            }
        }
        finally
        {
            await Settle(copying).ConfigureAwait(false);
        }

        target.Position = to + copy.Count;
        return written + copy.Count;
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
