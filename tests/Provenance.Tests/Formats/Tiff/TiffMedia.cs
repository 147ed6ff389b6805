using System.Buffers.Binary;
using Provenance.Formats;
using Provenance.Formats.Tiff;

namespace Provenance.Tests.Formats.Tiff;

/// <summary>
/// TIFF inputs: c2pa-rs's unsigned fixtures (../shared/fixtures/c2pa-rs/formats, from c2pa-rs sdk/tests/fixtures at
/// 24d17555), one ffmpeg makes, and small uncompressed files built here in the layouts ffmpeg does not write (big-endian,
/// BigTIFF, several pages).
/// </summary>
internal static class TiffMedia
{
    private static readonly string CacheDirectory = Path.Combine(Path.GetTempPath(), "provenance-tiff-media", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    private static readonly Lock Gate = new();

    /// <summary>Every TIFF input by name.</summary>
    public static TheoryData<string> All() =>
    [
        "fixture:formats/test.tiff", "fixture:formats/TUSCANY.TIF", "ffmpeg:tiff",
        "built:II-1", "built:MM-1", "built:II-3", "built:MM-2", "built:II-big-1", "built:MM-big-2", "built:II-dng-1",
    ];

    /// <summary>The path of a named input.</summary>
    public static string Resolve(string source)
    {
        if (source == "ffmpeg:tiff")
        {
            return Media.TestMedia.Make("tiff/frame.tiff", "-f lavfi -i testsrc2=size=160x90:rate=1 -frames:v 1 -pix_fmt rgb24");
        }

        if (!source.StartsWith("built:", StringComparison.Ordinal))
        {
            return TestPaths.Fixture(source["fixture:".Length..]);
        }

        string[] parts = source["built:".Length..].Split('-');
        lock (Gate)
        {
            string path = Path.Combine(CacheDirectory, source["built:".Length..] + ".tiff");
            if (!File.Exists(path))
            {
                Directory.CreateDirectory(CacheDirectory);
                File.WriteAllBytes(path, Build(parts[0] == "II", parts.Contains("big"), int.Parse(parts[^1], System.Globalization.CultureInfo.InvariantCulture), parts.Contains("dng")));
            }

            return path;
        }
    }

    /// <summary>
    /// What a TIFF decodes to: ffmpeg's frame MD5s, or for BigTIFF, which ffmpeg does not read, every page's strips (its
    /// StripOffsets and StripByteCounts followed) with the rest of its tags.
    /// </summary>
    public static string Decoded(string path)
    {
        byte[] file = File.ReadAllBytes(path);
        TiffLayout layout = TiffLayout.Read(new MemoryStream(file), AssetReadOptions.Default, CancellationToken.None);
        if (!layout.Header.Big)
        {
            return FfmpegMedia.DecodedFrames(path);
        }

        var decoded = new System.Text.StringBuilder();
        foreach (TiffIfd ifd in layout.Ifds.Where(i => !i.IsC2paOnly))
        {
            ulong[] offsets = Values(layout, ifd, 273);
            ulong[] counts = Values(layout, ifd, 279);
            foreach ((ulong offset, ulong count) in offsets.Zip(counts))
            {
                decoded.AppendLine(Convert.ToHexString(System.Security.Cryptography.MD5.HashData(file.AsSpan((int)offset, (int)count))));
            }

            foreach (TiffEntry entry in ifd.Entries.Where(e => e.Tag is not (273 or TiffEntry.C2paTag)))
            {
                decoded.AppendLine($"{entry.Tag} {entry.Type} {entry.Count} {Convert.ToHexString(layout.ReadValue(entry))}");
            }
        }

        return decoded.ToString();
    }

    /// <summary>Where the first page's first strip starts: image data, far from any IFD.</summary>
    public static long FirstStrip(byte[] file)
    {
        TiffLayout layout = TiffLayout.Read(new MemoryStream(file), AssetReadOptions.Default, CancellationToken.None);
        return (long)Values(layout, layout.Ifds[0], 273)[0];
    }

    private static ulong[] Values(TiffLayout layout, TiffIfd ifd, ushort tag)
    {
        TiffEntry entry = ifd.Entries.Single(e => e.Tag == tag);
        byte[] value = layout.ReadValue(entry);
        int size = TiffEntry.SizeOf(entry.Type);
        return [.. Enumerable.Range(0, (int)entry.Count).Select(i => layout.Header.ReadUnsigned(value.AsSpan(i * size, size)))];
    }

    /// <summary>
    /// A TIFF of <paramref name="pages"/> 8-bit grey pages of 24x16 pixels, uncompressed, one strip each, with a Software
    /// tag whose value lies outside its entry; each page's pixels, then its IFD (TIFF 6.0 §8, baseline bilevel/grey). With
    /// <paramref name="dng"/>, IFD0 also carries DNGVersion 1.4.0.0 (DNG 1.4 specification, tag 50706), which makes it a DNG.
    /// </summary>
    public static byte[] Build(bool littleEndian, bool big, int pages, bool dng = false)
    {
        const int Width = 24;
        const int Height = 16;
        var file = new List<byte>();
        byte[] software = "Provenance test build\0"u8.ToArray();
        int fieldSize = big ? 8 : 4;
        file.AddRange(littleEndian ? "II"u8.ToArray() : "MM"u8.ToArray());
        file.AddRange(U16(big ? (ushort)43 : (ushort)42));
        if (big)
        {
            file.AddRange(U16(8));
            file.AddRange(U16(0));
        }

        int firstPointer = file.Count;
        file.AddRange(new byte[fieldSize]);
        int previousPointer = firstPointer;
        for (int page = 0; page < pages; page++)
        {
            long pixels = file.Count;
            for (int i = 0; i < Width * Height; i++)
            {
                file.Add((byte)((i * 7) + (page * 60)));
            }

            long softwareOffset = file.Count;
            file.AddRange(software);
            if (file.Count % 2 != 0)
            {
                file.Add(0);
            }

            long ifd = file.Count;
            Patch(file, previousPointer, ifd);
            (ushort Tag, ushort Type, long Count, long Value)[] entries =
            [
                (254, 4, 1, page == 0 ? 0 : 2), (256, 3, 1, Width), (257, 3, 1, Height), (258, 3, 1, 8), (259, 3, 1, 1), (262, 3, 1, 1),
                (273, (ushort)(big ? 16 : 4), 1, pixels), (277, 3, 1, 1), (278, 3, 1, Height), (279, 4, 1, Width * Height),
                (305, 2, software.Length, softwareOffset),
            ];
            if (dng && page == 0)
            {
                entries = [.. entries, (50706, 1, 4, littleEndian ? 0x00000401 : 0x01040000)];
            }

            file.AddRange(big ? U64((ulong)entries.Length) : U16((ushort)entries.Length));
            foreach ((ushort tag, ushort type, long count, long value) in entries)
            {
                file.AddRange(U16(tag));
                file.AddRange(U16(type));
                file.AddRange(big ? U64((ulong)count) : U32((uint)count));
                byte[] field = new byte[fieldSize];
                // A value that fits is left-justified in the field (TIFF 6.0 §2), in the file's byte order.
                byte[] encoded = type == 3 ? U16((ushort)value) : type == 4 ? U32((uint)value) : big ? U64((ulong)value) : U32((uint)value);
                encoded.CopyTo(field, 0);
                file.AddRange(field);
            }

            previousPointer = file.Count;
            file.AddRange(new byte[fieldSize]);
        }

        return [.. file];

        byte[] U16(ushort v)
        {
            byte[] b = new byte[2];
            if (littleEndian) { BinaryPrimitives.WriteUInt16LittleEndian(b, v); } else { BinaryPrimitives.WriteUInt16BigEndian(b, v); }
            return b;
        }

        byte[] U32(uint v)
        {
            byte[] b = new byte[4];
            if (littleEndian) { BinaryPrimitives.WriteUInt32LittleEndian(b, v); } else { BinaryPrimitives.WriteUInt32BigEndian(b, v); }
            return b;
        }

        byte[] U64(ulong v)
        {
            byte[] b = new byte[8];
            if (littleEndian) { BinaryPrimitives.WriteUInt64LittleEndian(b, v); } else { BinaryPrimitives.WriteUInt64BigEndian(b, v); }
            return b;
        }

        void Patch(List<byte> bytes, int at, long value)
        {
            byte[] encoded = big ? U64((ulong)value) : U32((uint)value);
            for (int i = 0; i < encoded.Length; i++)
            {
                bytes[at + i] = encoded[i];
            }
        }
    }
}
