namespace Provenance.Thumbnails;

/// <summary>A claim thumbnail, or the reason an asset has none.</summary>
public sealed class Thumbnail
{
    private Thumbnail(string? mimeType, ReadOnlyMemory<byte> data, string? problem)
    {
        MimeType = mimeType;
        Data = data;
        Problem = problem;
    }

    /// <summary>The image's MIME type (<c>image/jpeg</c>), or null when there is no image.</summary>
    public string? MimeType { get; }

    /// <summary>The encoded image; empty when there is none.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Why there is no image, for <see cref="SigningResult.Notes"/>; null when there is one.</summary>
    public string? Problem { get; }

    /// <summary>Whether there is an image.</summary>
    public bool HasImage => Problem is null;

    /// <summary>A thumbnail image.</summary>
    /// <exception cref="ArgumentException">The MIME type is not an image type, or the data is empty.</exception>
    public static Thumbnail FromImage(string mimeType, ReadOnlyMemory<byte> data)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mimeType);
        if (!mimeType.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("A thumbnail is an image (image/…).", nameof(mimeType));
        }

        return data.IsEmpty ? throw new ArgumentException("The thumbnail is empty.", nameof(data)) : new Thumbnail(mimeType, data, null);
    }

    /// <summary>No thumbnail, and why (said in <see cref="SigningResult.Notes"/>).</summary>
    public static Thumbnail None(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new Thumbnail(null, ReadOnlyMemory<byte>.Empty, reason);
    }
}
