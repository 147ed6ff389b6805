using System.ComponentModel;
using FFMpegCore;
using FFMpegCore.Enums;
using FFMpegCore.Exceptions;
using FFMpegCore.Pipes;
using Provenance.IO;

namespace Provenance.Thumbnails;

/// <summary>
/// Makes JPEG thumbnails of video with ffmpeg (run through FFMpegCore), when ffmpeg is on the PATH: it is optional at
/// run time. The first frame is scaled to fit 1024 pixels, the size c2pa-rs uses for its thumbnails. Still images are
/// left to an in-process generator (<c>Provenance.Thumbnails.Skia</c>): this one answers <see langword="null"/> for
/// <c>image/*</c>, so that no process is started per image.
/// </summary>
public sealed class FfmpegThumbnailGenerator : IThumbnailGenerator
{
    private const int MaxThumbnailBytes = 4 * 1024 * 1024;

    /// <summary>ffmpeg from the PATH, for <c>video/*</c> and <c>audio/*</c> assets, stopped after 60 seconds.</summary>
    public static FfmpegThumbnailGenerator Default { get; } = new();

    /// <summary>How long ffmpeg may run before it is stopped and the asset is signed without a thumbnail.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to zero or less.</exception>
    public TimeSpan Timeout
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            field = value;
        }
    } = TimeSpan.FromSeconds(60);

    /// <inheritdoc/>
    public async ValueTask<Thumbnail?> TryCreateAsync(Stream asset, string mimeType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(asset);
        ArgumentNullException.ThrowIfNull(mimeType);
        if (!mimeType.StartsWith("video/", StringComparison.OrdinalIgnoreCase) && !mimeType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // ffmpeg reads a file (MP4's moov may follow mdat, so a pipe would not do): the input file itself when the
        // stream is one and starts at its beginning, else a temporary copy.
        long position = asset.Position;
        if (asset is FileStream { Name: { } path } && position == 0 && File.Exists(path))
        {
            return await RunAsync(path, cancellationToken).ConfigureAwait(false);
        }

        string temporary = Path.Combine(Path.GetTempPath(), $"provenance-thumb-{Guid.NewGuid():N}");
        try
        {
            await using (var copy = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await new SubStream(asset, position).CopyToAsync(copy, 1 << 20, cancellationToken).ConfigureAwait(false);
            }

            return await RunAsync(temporary, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private async Task<Thumbnail> RunAsync(string path, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        using var output = new BoundedMemoryStream(MaxThumbnailBytes);
        try
        {
            FFMpegResult result = await FFMpegArguments
                // One thread: decoding one frame gains little from ffmpeg's threads, which cost processor time the
                // signer, hashing beside it, needs.
                .FromFileInput(path, verifyExists: true, input => input.WithCustomArgument("-threads 1"))
                .OutputToPipe(new StreamPipeSink(output), options => options
                    .WithCustomArgument("-frames:v 1")
                    .WithCustomArgument("-vf scale='min(1024,iw)':'min(1024,ih)':force_original_aspect_ratio=decrease")
                    .ForceFormat("image2")
                    .WithVideoCodec("mjpeg")
                    .WithCustomArgument("-q:v 5"))
                .WithLogLevel(FFMpegLogLevel.Error)
                .CancellableThrough(timeout.Token)
                .ProcessAsynchronously(throwOnError: true)
                .ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (timeout.IsCancellationRequested)
            {
                return Thumbnail.None("ffmpeg took too long to make a thumbnail");
            }

            return result.Success && output.Length > 0
                ? Thumbnail.FromImage("image/jpeg", output.ToArray())
                : Thumbnail.None("no thumbnail was added: the asset has no picture (audio only)");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Thumbnail.None("ffmpeg took too long to make a thumbnail");
        }
        catch (Exception ex) when (ex is Win32Exception || ex.Message.Contains("not found on your system", StringComparison.Ordinal))
        {
            return Thumbnail.None("ffmpeg is not installed, so no thumbnail was added");
        }
        catch (FFMpegException ex) when (ex.Message.Contains("does not contain any stream", StringComparison.Ordinal)
            || ex.Message.Contains("matches no streams", StringComparison.Ordinal))
        {
            return Thumbnail.None("no thumbnail was added: the asset has no picture (audio only)");
        }
        catch (FFMpegException ex) when (ex.InnerException is InvalidDataException tooLarge)
        {
            return Thumbnail.None(tooLarge.Message);
        }
        catch (FFMpegException ex)
        {
            return Thumbnail.None("ffmpeg could not make a thumbnail: " + ex.Message.Trim());
        }
        catch (InvalidDataException ex)
        {
            return Thumbnail.None(ex.Message);
        }
    }

    // ffmpeg writes into the pipe as fast as it likes: past the limit the copy fails instead of growing without end.
    private sealed class BoundedMemoryStream(int limit) : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count)
        {
            Check(count);
            base.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Check(buffer.Length);
            base.Write(buffer);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Check(count);
            return base.WriteAsync(buffer, offset, count, cancellationToken);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Check(buffer.Length);
            return base.WriteAsync(buffer, cancellationToken);
        }

        private void Check(int count)
        {
            if (Length + count > limit)
            {
                throw new InvalidDataException($"the thumbnail ffmpeg made is larger than {limit / (1024 * 1024)} MiB");
            }
        }
    }
}
