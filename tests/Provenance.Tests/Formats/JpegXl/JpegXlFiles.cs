using System.Buffers.Binary;
using System.Text;
using Provenance.Jumbf;

namespace Provenance.Tests.Formats.JpegXl;

/// <summary>JPEG XL test inputs: the c2pa-rs fixture, and containers built here around ffmpeg's bare codestream.</summary>
internal static class JpegXlFiles
{
    /// <summary>The container signature box (ISO/IEC 18181-2 §3.2).</summary>
    public static byte[] Signature => [0, 0, 0, 12, .. "JXL "u8, 0x0D, 0x0A, 0x87, 0x0A];

    /// <summary>ftyp with brand <c>jxl </c>, minor version 0, compatible <c>jxl </c> (ISO/IEC 18181-2 §3.3).</summary>
    public static byte[] Ftyp => Box("ftyp", [.. "jxl "u8, 0, 0, 0, 0, .. "jxl "u8]);

    /// <summary>
    /// c2pa-rs's sdk/tests/fixtures sample1.jxl (signature, ftyp, jxlp, two brob boxes, jxlp), or a container of
    /// signature, ftyp and one jxlc box around the codestream ffmpeg (libjxl) writes.
    /// </summary>
    public static byte[] Read(string source) => source switch
    {
        "ffmpeg:container" => [.. Signature, .. Ftyp, .. Box("jxlc", File.ReadAllBytes(Media.TestMedia.JxlCodestream()))],
        _ => File.ReadAllBytes(TestPaths.Fixture(source["fixture:".Length..])),
    };

    public static byte[] Box(string type, byte[] payload)
    {
        byte[] box = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(box, (uint)box.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(box, 4);
        payload.CopyTo(box, 8);
        return box;
    }

    /// <summary>A JUMBF superbox labelled <paramref name="label"/> of about <paramref name="size"/> bytes (a C2PA store when "c2pa").</summary>
    public static byte[] Store(int size, string label = "c2pa")
    {
        byte[] payload = new byte[Math.Max(0, size - 38)];
        new Random(size).NextBytes(payload);
        return new JumbfSuperBox(new JumbfDescription(C2paBoxTypes.ManifestStore, label), [new JumbfContentBox(FourCC.Free, payload)]).Encode();
    }
}
