using Provenance.Formats.Bmff;
using Provenance.Formats.Gif;
using Provenance.Formats.Id3;
using Provenance.Formats.Jpeg;
using Provenance.Formats.JpegXl;
using Provenance.Formats.Png;
using Provenance.Formats.Riff;
using Provenance.Formats.Svg;
using Provenance.Formats.Tiff;

namespace Provenance.Formats;

/// <summary>The formats Provenance reads and writes, detected from content (never from file names).</summary>
internal static class AssetFormats
{
    /// <summary>Every supported format; adding one is adding it here.</summary>
    public static IReadOnlyList<IAssetFormat> All { get; } =
    [
        JpegFormat.Instance, PngFormat.Instance, BmffFormat.Instance, JpegXlFormat.Instance, RiffFormat.Instance, TiffFormat.Instance,
        GifFormat.Instance, FlacFormat.Instance, Mp3Format.Instance, SvgFormat.Instance,
    ];

    private static int HeaderSize => All.Max(f => f.HeaderSize);

    /// <summary>The format whose signature starts <paramref name="header"/>, or null.</summary>
    public static IAssetFormat? Detect(ReadOnlySpan<byte> header)
    {
        foreach (IAssetFormat format in All)
        {
            if (format.TryDetect(header, out _))
            {
                return format;
            }
        }

        return null;
    }

    /// <summary>Detects the format of a seekable stream from its first bytes; the position is restored.</summary>
    public static IAssetFormat? Detect(Stream stream) => Detect(stream, out _);

    /// <summary>
    /// Detects the format of a seekable stream from its first bytes, with the MIME type its content declares; the
    /// position is restored.
    /// </summary>
    public static IAssetFormat? Detect(Stream stream, out string mimeType)
    {
        ArgumentNullException.ThrowIfNull(stream);
        long position = stream.Position;
        byte[] header = new byte[HeaderSize];
        int read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        stream.Position = position;

        // An ID3v2 tag before the audio (MP3; FLAC as c2pa-rs writes it, C2PA 2.2 §A.3.9) may be longer than the header
        // read, since it holds the manifest store: the bytes after it tell FLAC from MP3.
        if (Id3Tag.TryReadHeader(header.AsSpan(0, read), out long tagEnd) && position + tagEnd + 4 <= stream.Length)
        {
            Span<byte> marker = stackalloc byte[4];
            stream.Position = position + tagEnd;
            stream.ReadExactly(marker);
            stream.Position = position;
            if (marker.SequenceEqual("fLaC"u8))
            {
                mimeType = FlacFormat.Instance.MimeTypes[0];
                return FlacFormat.Instance;
            }
        }

        foreach (IAssetFormat format in All)
        {
            if (format.TryDetect(header.AsSpan(0, read), out mimeType))
            {
                return format;
            }
        }

        mimeType = "application/octet-stream";
        return null;
    }

    /// <summary>The format with this MIME type, or null.</summary>
    public static IAssetFormat? FromMimeType(string mimeType)
        => All.FirstOrDefault(f => f.MimeTypes.Contains(mimeType, StringComparer.OrdinalIgnoreCase));

    /// <summary>The format with this file extension (with or without the dot), or null.</summary>
    public static IAssetFormat? FromExtension(string extension)
        => All.FirstOrDefault(f => f.Extensions.Contains(extension.TrimStart('.'), StringComparer.OrdinalIgnoreCase));
}
