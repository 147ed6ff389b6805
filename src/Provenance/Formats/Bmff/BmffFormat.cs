using System.Text;

namespace Provenance.Formats.Bmff;

/// <summary>ISO BMFF: MP4, MOV, M4A, HEIF/AVIF; the store travels in a top-level C2PA <c>uuid</c> box (C2PA 2.2 §A.5).</summary>
internal sealed class BmffFormat : IAssetFormat
{
    /// <summary>The instance.</summary>
    public static BmffFormat Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "BMFF";

    /// <inheritdoc />
    public IReadOnlyList<string> MimeTypes { get; } = ["video/mp4", "video/quicktime", "audio/mp4", "image/heic", "image/heif", "image/avif", "application/mp4"];

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = ["mp4", "m4v", "mov", "m4a", "heic", "heif", "avif"];

    /// <inheritdoc />
    public int HeaderSize => 32;

    /// <inheritdoc />
    public bool TryDetect(ReadOnlySpan<byte> header, out string mimeType)
    {
        mimeType = MimeTypes[0];
        if (header.Length < 12 || !header.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            return false;
        }

        string major = Encoding.ASCII.GetString(header.Slice(8, 4));
        mimeType = major switch
        {
            "qt  " => "video/quicktime",
            "M4A " or "M4B " => "audio/mp4",
            "heic" or "heix" or "mif1" or "msf1" => "image/heic",
            "avif" or "avis" => "image/avif",
            _ => "video/mp4",
        };
        return true;
    }

    /// <inheritdoc />
    public IAssetHandler CreateHandler() => new BmffHandler();
}
