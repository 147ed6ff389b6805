namespace Provenance.Thumbnails;

/// <summary>Ways to combine thumbnail generators.</summary>
public static class ThumbnailGenerators
{
    /// <summary>
    /// Asks each generator in turn and takes the first answer that is not <see langword="null"/>: for example an
    /// in-process generator for still images, then <see cref="FfmpegThumbnailGenerator.Default"/> for video.
    /// </summary>
    public static IThumbnailGenerator FirstOf(params IThumbnailGenerator[] generators)
    {
        ArgumentNullException.ThrowIfNull(generators);
        foreach (IThumbnailGenerator generator in generators)
        {
            ArgumentNullException.ThrowIfNull(generator, nameof(generators));
        }

        return new FirstOfGenerator([.. generators]);
    }

    private sealed class FirstOfGenerator(IThumbnailGenerator[] generators) : IThumbnailGenerator
    {
        public async ValueTask<Thumbnail?> TryCreateAsync(Stream asset, string mimeType, CancellationToken cancellationToken)
        {
            long position = asset.Position;
            foreach (IThumbnailGenerator generator in generators)
            {
                asset.Position = position;
                if (await generator.TryCreateAsync(asset, mimeType, cancellationToken).ConfigureAwait(false) is { } thumbnail)
                {
                    return thumbnail;
                }
            }

            return null;
        }
    }
}
