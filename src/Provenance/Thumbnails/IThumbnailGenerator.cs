namespace Provenance.Thumbnails;

/// <summary>
/// Makes the claim thumbnail (<c>c2pa.thumbnail.claim</c>, C2PA 2.2 §18.18) of an asset being signed. Set one on
/// <see cref="SigningOptions.Thumbnails"/>; the package <c>Provenance.Thumbnails.Skia</c> provides one for still
/// images that runs in process, and <see cref="FfmpegThumbnailGenerator"/> one for video that runs ffmpeg.
/// </summary>
public interface IThumbnailGenerator
{
    /// <summary>
    /// Makes a thumbnail of <paramref name="asset"/>, read from its current position (a seekable stream, whose
    /// position the caller restores afterwards).
    /// </summary>
    /// <param name="asset">The asset being signed, as the signer was given it.</param>
    /// <param name="mimeType">The MIME type detected from the asset's content, for example <c>image/jpeg</c> or <c>video/mp4</c>.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>
    /// <see langword="null"/> when this generator does not handle <paramref name="mimeType"/> (another one may);
    /// otherwise a <see cref="Thumbnail"/> with the image, or with the reason there is none (undecodable,
    /// too large, no picture). A hostile or malformed asset gives a reason, not an exception.
    /// </returns>
    ValueTask<Thumbnail?> TryCreateAsync(Stream asset, string mimeType, CancellationToken cancellationToken);
}
