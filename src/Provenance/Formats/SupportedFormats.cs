namespace Provenance.Formats;

/// <summary>What each operation handles, by name, and the <see cref="UnsupportedFormatException"/> that says so.</summary>
internal static class SupportedFormats
{
    /// <summary>The formats signing embeds a manifest in.</summary>
    public static IReadOnlyList<string> ForSigning { get; } = ["JPEG", "PNG", "MP4/MOV/M4A", "HEIF/HEIC/AVIF", "JPEG XL", "WebP/WAV/AVI", "TIFF/DNG", "GIF", "SVG", "MP3", "FLAC"];

    /// <summary>The formats whose manifests are read: the same as signing's.</summary>
    public static IReadOnlyList<string> ForReading { get; } = [.. ForSigning];

    /// <summary>What verification accepts: the formats read, and a standalone manifest store.</summary>
    public static IReadOnlyList<string> ForVerifying { get; } = [.. ForReading, "C2PA manifest store (.c2pa)"];

    /// <summary>No format recognised <paramref name="what"/> (a file, an ingredient) from its content.</summary>
    public static UnsupportedFormatException NotRecognised(string what, IReadOnlyList<string> supported)
        => new(FormatLayer.Asset, -1, $"{what} is not a supported format (supported: {string.Join(", ", supported)})", supported);
}
