namespace Provenance.IO;

/// <summary>Temporary files for buffering unseekable input and for replacing outputs atomically.</summary>
internal static class TemporaryFiles
{
    /// <summary>An empty temporary file in <paramref name="directory"/> (default: the system's) that is deleted when closed.</summary>
    public static FileStream CreateDeleteOnClose(string? directory = null)
    {
        string folder = directory ?? Path.GetTempPath();
        string path = Path.Combine(folder, $"provenance-{Guid.NewGuid():N}.tmp");
        return new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
    }

    /// <summary>
    /// Copies a stream that cannot be sought into one that can, positioned at its start: in memory up to
    /// <paramref name="memoryThreshold"/> bytes, then in a temporary file in <paramref name="directory"/> that is deleted
    /// when the result is closed, or on any failure or cancellation here.
    /// </summary>
    /// <exception cref="ProvenanceFormatException">The input is longer than <paramref name="maxBytes"/>; nothing is kept.</exception>
    public static async Task<Stream> BufferAsync(Stream input, long maxBytes, int memoryThreshold, string? directory, CancellationToken cancellationToken)
    {
        Stream buffer = new MemoryStream();
        try
        {
            byte[] chunk = new byte[81920];
            long total = 0;
            int read;
            while ((read = await input.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    throw new ProvenanceFormatException(FormatLayer.Io, maxBytes, $"the input is more than {maxBytes} bytes, the most buffered from a stream that cannot be sought (AssetReadOptions.MaxBufferedInputSize)");
                }

                if (buffer is MemoryStream memory && total > memoryThreshold)
                {
                    FileStream file = CreateDeleteOnClose(directory);
                    buffer = file;
                    memory.Position = 0;
                    await memory.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                    await memory.DisposeAsync().ConfigureAwait(false);
                }

                await buffer.WriteAsync(chunk.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }

            buffer.Position = 0;
            return buffer;
        }
        catch
        {
            await buffer.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="write"/> against a temporary file in the destination's folder and moves it over
    /// <paramref name="path"/> only on success; on failure or cancellation the temporary file is deleted.
    /// </summary>
    public static async Task WriteAtomicallyAsync(string path, Func<FileStream, Task> write, CancellationToken cancellationToken)
    {
        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath) ?? ".";
        string temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.partial");
        try
        {
            await using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await write(output).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                output.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the partial file is hidden and named as such.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
