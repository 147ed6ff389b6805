using Provenance.IO;

namespace Provenance.Signing;

/// <summary>Gives ffmpeg a file to read: the input file itself when it is one, else a temporary copy.</summary>
internal static class ThumbnailSource
{
    public static async Task<(byte[]? Jpeg, string? Problem)> CreateAsync(Stream input, CancellationToken cancellationToken)
    {
        long position = input.Position;
        try
        {
            if (input is FileStream { Name: { } path } && position == 0 && File.Exists(path))
            {
                return await FfmpegThumbnailer.TryCreateAsync(path, cancellationToken).ConfigureAwait(false);
            }

            string temporary = Path.Combine(Path.GetTempPath(), $"provenance-thumb-{Guid.NewGuid():N}");
            try
            {
                await using (var copy = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
                {
                    await new SubStream(input, position).CopyToAsync(copy, 1 << 20, cancellationToken).ConfigureAwait(false);
                }

                return await FfmpegThumbnailer.TryCreateAsync(temporary, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                File.Delete(temporary);
            }
        }
        finally
        {
            input.Position = position;
        }
    }
}
