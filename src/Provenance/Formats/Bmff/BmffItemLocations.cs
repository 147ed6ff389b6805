using System.Buffers.Binary;
using System.Text;

namespace Provenance.Formats.Bmff;

/// <summary>
/// Recognises ISO BMFF files whose items are found through absolute file offsets that signing does not rewrite: HEIF,
/// HEIC and AVIF images, whose top-level <c>meta</c> box locates each coded image with <c>iloc</c>
/// (ISO/IEC 14496-12 §8.11.3). Inserting a C2PA box after <c>ftyp</c> shifts those bytes and the image no longer decodes,
/// so signing refuses them before any output is written; verifying them (read-only) is unaffected.
/// </summary>
internal static class BmffItemLocations
{
    // ISO/IEC 23008-12 (HEIF) and its profiles (MIAF ISO/IEC 23000-22, AVIF): brands of files that use item locations.
    private static readonly HashSet<string> ItemBrands =
    [
        "mif1", "mif2", "mif3", "msf1", "miaf", "heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs",
        "avif", "avis", "avio", "MA1A", "MA1B", "avci", "avcs", "vvic", "vvis", "jpeg", "jpgs",
    ];

    /// <summary>Throws when the file whose top-level boxes are <paramref name="boxes"/> cannot be signed safely.</summary>
    /// <exception cref="UnsupportedFormatException">The file is HEIF/AVIF, or has a top-level <c>meta</c> locating items with <c>iloc</c>.</exception>
    public static void ThrowIfUnsupportedForSigning(IReadOnlyList<BmffBox> boxes, Stream input)
    {
        BmffBox? ftyp = boxes.FirstOrDefault(b => b.Type == BmffBoxTypes.Ftyp);
        if (ftyp is not null && Brands(ftyp, input).FirstOrDefault(ItemBrands.Contains) is { } brand)
        {
            throw Refusal(ftyp.Offset, $"the file is HEIF/HEIC/AVIF (ftyp brand '{brand}')");
        }

        foreach (BmffBox meta in boxes.Where(b => b.Type == BmffBoxTypes.Meta))
        {
            BmffBox? iloc = meta.Children.FirstOrDefault(c => c.Type == BmffBoxTypes.Iloc);
            if (iloc is not null && ItemCount(iloc, input) > 0)
            {
                throw Refusal(iloc.Offset, "the file has a top-level 'meta' box whose 'iloc' locates items by file offset");
            }
        }
    }

    private static UnsupportedFormatException Refusal(long offset, string what)
        => new(FormatLayer.Bmff, offset, $"{what}: its images are found through absolute offsets in 'iloc', which Provenance does not rewrite, "
            + "so embedding a manifest would corrupt them. Signing HEIF, HEIC and AVIF is not supported yet (verifying them is)", SupportedFormats.ForSigning);

    // ISO/IEC 14496-12 §4.3: major_brand, minor_version, then compatible_brands to the end of the box.
    private static IEnumerable<string> Brands(BmffBox ftyp, Stream input)
    {
        long payload = Math.Min(ftyp.Size - ftyp.HeaderSize, 4 + 4 + (4 * 64));
        if (payload < 4)
        {
            return [];
        }

        byte[] bytes = new byte[payload];
        input.Position = ftyp.PayloadOffset;
        input.ReadExactly(bytes);
        var brands = new List<string> { Encoding.ASCII.GetString(bytes, 0, 4) };
        for (int i = 8; i + 4 <= bytes.Length; i += 4)
        {
            brands.Add(Encoding.ASCII.GetString(bytes, i, 4));
        }

        return brands;
    }

    // ISO/IEC 14496-12 §8.11.3.2: version and flags, two bytes of field sizes, then item_count (16 bits, 32 in version 2).
    private static long ItemCount(BmffBox iloc, Stream input)
    {
        int version = iloc.FullBox?.Version ?? 0;
        int countSize = version < 2 ? 2 : 4;
        if (iloc.Size - iloc.HeaderSize < 4 + 2 + countSize)
        {
            return 0;
        }

        byte[] count = new byte[countSize];
        input.Position = iloc.PayloadOffset + 4 + 2;
        input.ReadExactly(count);
        return countSize == 2 ? BinaryPrimitives.ReadUInt16BigEndian(count) : BinaryPrimitives.ReadUInt32BigEndian(count);
    }
}
