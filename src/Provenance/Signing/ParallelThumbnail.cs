using Provenance.Formats;
using Provenance.Formats.Bmff;
using MadeThumbnail = Provenance.Thumbnails.Thumbnail;

namespace Provenance.Signing;

/// <summary>
/// A video's thumbnail made while the video is hashed instead of before (ffmpeg takes about half a second, whatever the
/// file's size). The store's length must be known before hashing (the store sits before <c>mdat</c>, so its length moves
/// every offset the hash covers), so room is reserved for a thumbnail of up to <see cref="ReservedBytes"/>; what the
/// thumbnail leaves unused becomes a <c>free</c> box after the C2PA box, which the BMFF hash excludes
/// (<see cref="BmffExclusions"/>). A thumbnail larger than the room is signed again with the thumbnail in hand. A store
/// kept apart from the asset (<see cref="DetachedSigner"/>) needs no room: its manifest is laid out after the hash.
/// </summary>
/// <remarks>
/// Only for ISO BMFF files of at least <see cref="SigningOptions.ParallelThumbnailFrom"/> bytes read from a file: below that, hashing is
/// quicker than the thumbnail and the room would be a noticeable share of the file. The generator reads its own handle
/// on the file, so it never moves the position the signer reads from.
/// </remarks>
internal sealed class ParallelThumbnail : IAsyncDisposable
{
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(5);
    private readonly CancellationTokenSource _cancellation;
    private readonly FileStream _asset;

    private ParallelThumbnail(FileStream asset, long reservedBytes, Task<MadeThumbnail> thumbnail, CancellationTokenSource cancellation)
    {
        _asset = asset;
        ReservedBytes = reservedBytes;
        Thumbnail = thumbnail;
        _cancellation = cancellation;
    }

    /// <summary>The image bytes reserved: 1/1024 of the asset, from 256 KiB to 4 MiB (ffmpeg's limit for a thumbnail).</summary>
    public long ReservedBytes { get; }

    /// <summary>The thumbnail, or why there is none; exceptions of the generator are already notes.</summary>
    public Task<MadeThumbnail> Thumbnail { get; }

    /// <summary>
    /// Starts the thumbnail of <paramref name="input"/> on another thread when it is worth it (see the remarks of the
    /// class); null when the thumbnail is to be made first, or not at all.
    /// </summary>
    public static ParallelThumbnail? TryStart(Stream input, long origin, IAssetHandler handler, SigningOptions options, CancellationToken cancellationToken)
    {
        if (options.Thumbnails is not { } generator || handler is not BmffHandler || origin != 0
            || input is not FileStream { Name: { } path } file || file.Length < options.ParallelThumbnailFrom)
        {
            return null;
        }

        FileStream asset;
        try
        {
            asset = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.Asynchronous);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // gone, or not ours to open again: made first, from the caller's stream, as when nothing runs in parallel
        }

        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        long reserved = Math.Clamp(file.Length / 1024, 256 * 1024, 4 * 1024 * 1024);
        // A thread of its own, not the pool's: generators may block (FFMpegCore waits for `ffmpeg -version` before it
        // starts ffmpeg), and a blocked pool thread would stall the copy and hash, which run on the pool.
        Task<MadeThumbnail> thumbnail = Task.Factory.StartNew(
            () => SigningSession.CreateThumbnailAsync(asset, generator, cancellation.Token),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap();
        return new ParallelThumbnail(asset, reserved, thumbnail, cancellation);
    }

    /// <summary>
    /// Stops the generator if it still runs (signing failed or was cancelled) and waits a little for it to let go of the
    /// file: a generator that ignores cancellation is left to end alone, its stream closed, rather than holding up the
    /// signer's own outcome.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await _cancellation.CancelAsync().ConfigureAwait(false);
        try
        {
            await Thumbnail.WaitAsync(StopWait).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
            // Cancelled by the line above or by the caller, or deaf to it: signing reports its own outcome.
        }

        await _asset.DisposeAsync().ConfigureAwait(false);
        if (Thumbnail.IsCompleted)
        {
            _cancellation.Dispose(); // a generator still running may still look at its token
        }
    }
}
