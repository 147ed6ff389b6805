using System.Buffers.Binary;

namespace Provenance.Thumbnails.Skia;

/// <summary>
/// Copies of a JPEG or PNG that keep the picture and drop its metadata, so that an image already small enough can be
/// its own thumbnail without being decoded and encoded again. What is kept is what the picture needs to look the same
/// (for JPEG: tables, frame, scans, and the JFIF, ICC and Adobe segments; for PNG: the critical chunks and the colour
/// chunks); what goes is everything a thumbnail should not carry: EXIF, XMP, comments, text, and above all an earlier
/// manifest store (APP11, <c>caBX</c>). Anything unexpected answers <see langword="null"/>, and the caller decodes instead.
/// </summary>
internal static class ImageCopy
{
    /// <summary>The JPEG's segments up to its end-of-image marker, without metadata; null when it is not a plain JPEG.</summary>
    public static byte[]? StripJpeg(ReadOnlySpan<byte> jpeg)
    {
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            return null;
        }

        using var output = new MemoryStream(jpeg.Length);
        output.Write(jpeg[..2]);
        int at = 2;
        while (true)
        {
            if (at + 2 > jpeg.Length || jpeg[at] != 0xFF)
            {
                return null;
            }

            while (at + 1 < jpeg.Length && jpeg[at + 1] == 0xFF)
            {
                at++; // fill bytes before a marker
            }

            if (at + 2 > jpeg.Length)
            {
                return null;
            }

            byte marker = jpeg[at + 1];
            if (marker == 0xD9)
            {
                output.Write([0xFF, 0xD9]);
                return output.ToArray();
            }

            if (marker is 0x00 or 0x01 or 0xD8 or (>= 0xD0 and <= 0xD7) || at + 4 > jpeg.Length)
            {
                return null; // no marker, TEM, a second SOI or a restart marker outside a scan
            }

            int end = at + 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg[(at + 2)..]);
            if (end > jpeg.Length || end < at + 4)
            {
                return null;
            }

            ReadOnlySpan<byte> payload = jpeg[(at + 4)..end];
            bool keep = marker switch
            {
                0xE0 => payload.StartsWith("JFIF\0"u8),
                0xE2 => payload.StartsWith("ICC_PROFILE\0"u8),
                0xEE => payload.StartsWith("Adobe"u8),
                >= 0xE1 and <= 0xEF or 0xFE => false, // EXIF, XMP, MPF, JUMBF (a manifest), IPTC, comments
                _ => true,
            };
            if (keep)
            {
                output.Write(jpeg[at..end]);
            }

            at = end;
            if (marker == 0xDA)
            {
                // Entropy-coded data runs to the next marker that is neither a stuffed 0xFF00 nor a restart marker.
                int scanEnd = ScanEnd(jpeg, at);
                if (scanEnd < 0)
                {
                    return null;
                }

                output.Write(jpeg[at..scanEnd]);
                at = scanEnd;
            }
        }
    }

    /// <summary>The PNG's critical and colour chunks, without metadata; null when it is not a plain, still PNG.</summary>
    public static byte[]? StripPng(ReadOnlySpan<byte> png)
    {
        ReadOnlySpan<byte> signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        if (!png.StartsWith(signature))
        {
            return null;
        }

        using var output = new MemoryStream(png.Length);
        output.Write(signature);
        int at = signature.Length;
        while (at + 12 <= png.Length)
        {
            uint length = BinaryPrimitives.ReadUInt32BigEndian(png[at..]);
            if (length > int.MaxValue || at + 12L + length > png.Length)
            {
                return null;
            }

            int end = at + 12 + (int)length;
            string type = System.Text.Encoding.ASCII.GetString(png.Slice(at + 4, 4));
            switch (type)
            {
                case "IHDR" or "PLTE" or "IDAT" or "tRNS" or "gAMA" or "cHRM" or "sRGB" or "iCCP" or "sBIT" or "cICP" or "mDCV" or "cLLI":
                    output.Write(png[at..end]);
                    break;
                case "IEND":
                    output.Write(png[at..end]);
                    return output.ToArray();
                case "acTL":
                    return null; // animated: its first frame need not be the default image
                default:
                    if (char.IsAsciiLetterUpper(type[0]))
                    {
                        return null; // an unknown critical chunk
                    }

                    break; // text, XMP, EXIF, time, physical size, an earlier manifest store (caBX), ...
            }

            at = end;
        }

        return null;
    }

    private static int ScanEnd(ReadOnlySpan<byte> jpeg, int at)
    {
        while (true)
        {
            int next = jpeg[at..].IndexOf((byte)0xFF);
            if (next < 0)
            {
                return -1;
            }

            at += next;
            if (at + 1 >= jpeg.Length)
            {
                return -1;
            }

            byte following = jpeg[at + 1];
            if (following == 0x00 || following is >= 0xD0 and <= 0xD7 || following == 0xFF)
            {
                at += following == 0xFF ? 1 : 2;
                continue;
            }

            return at;
        }
    }
}
