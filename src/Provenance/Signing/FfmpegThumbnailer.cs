using System.ComponentModel;
using System.Diagnostics;

namespace Provenance.Signing;

/// <summary>
/// Makes JPEG thumbnails of images and video with ffmpeg, when it is installed (it is optional at run time). The
/// first frame is scaled to fit 1024 pixels, the size c2pa-rs uses for its thumbnails.
/// </summary>
internal static class FfmpegThumbnailer
{
    private const int MaxThumbnailBytes = 4 * 1024 * 1024;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Returns JPEG bytes, or null with the reason when ffmpeg is missing or cannot read the asset.</summary>
    public static async Task<(byte[]? Jpeg, string? Problem)> TryCreateAsync(string assetPath, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("ffmpeg")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[]
        {
            "-v", "error", "-nostdin", "-i", assetPath, "-frames:v", "1",
            "-vf", "scale='min(1024,iw)':'min(1024,ih)':force_original_aspect_ratio=decrease",
            "-f", "image2", "-c:v", "mjpeg", "-q:v", "5", "pipe:1",
        })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception("ffmpeg did not start");
        }
        catch (Win32Exception)
        {
            return (null, "ffmpeg is not installed, so no thumbnail was added");
        }

        using (process)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            try
            {
                using var output = new MemoryStream();
                Task<string> errors = process.StandardError.ReadToEndAsync(timeout.Token);
                await CopyBoundedAsync(process.StandardOutput.BaseStream, output, timeout.Token).ConfigureAwait(false);
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
                string error = await errors.ConfigureAwait(false);
                if (process.ExitCode == 0 && output.Length > 0)
                {
                    return (output.ToArray(), null);
                }

                return error.Contains("does not contain any stream", StringComparison.Ordinal)
                    ? (null, "no thumbnail was added: the asset has no picture (audio only)")
                    : (null, "ffmpeg could not make a thumbnail: " + error.Trim());
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                return (null, "ffmpeg took too long to make a thumbnail");
            }
            catch (InvalidDataException ex)
            {
                process.Kill(entireProcessTree: true);
                return (null, ex.Message);
            }
            catch
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
        }
    }

    private static async Task CopyBoundedAsync(Stream source, MemoryStream target, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (target.Length + read > MaxThumbnailBytes)
            {
                throw new InvalidDataException("the thumbnail ffmpeg made is larger than 4 MiB");
            }

            target.Write(buffer, 0, read);
        }
    }
}
