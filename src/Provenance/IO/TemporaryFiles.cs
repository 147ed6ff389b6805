namespace Provenance.IO;

/// <summary>Temporary files for buffering unseekable input and for replacing outputs atomically.</summary>
internal static class TemporaryFiles
{
    /// <summary>An empty temporary file that is deleted when closed.</summary>
    public static FileStream CreateDeleteOnClose()
        => new(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);

    /// <summary>Copies a stream into a temporary file that is deleted when closed, positioned at its start.</summary>
    public static async Task<FileStream> BufferAsync(Stream input, CancellationToken cancellationToken)
    {
        FileStream file = CreateDeleteOnClose();
        try
        {
            await input.CopyToAsync(file, 1 << 20, cancellationToken).ConfigureAwait(false);
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
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
