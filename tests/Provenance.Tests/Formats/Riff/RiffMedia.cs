namespace Provenance.Tests.Formats.Riff;

/// <summary>
/// RIFF inputs: c2pa-rs's unsigned fixtures (../shared/fixtures/c2pa-rs, from c2pa-rs sdk/tests/fixtures at 24d17555) and
/// files ffmpeg makes at test time (never committed), with the decode check that signing must leave the media alone.
/// </summary>
internal static class RiffMedia
{
    /// <summary>Every RIFF input by name, with the MIME type detection names: <c>fixture:</c> files and <c>ffmpeg:</c> ones.</summary>
    public static TheoryData<string, string> All() => new()
    {
        { "fixture:formats/test.webp", "image/webp" },
        { "fixture:formats/test_lossless.webp", "image/webp" },
        { "fixture:formats/test_xmp.webp", "image/webp" },
        { "fixture:mars.webp", "image/webp" },
        { "fixture:sample1.webp", "image/webp" },
        { "fixture:formats/sample1.wav", "audio/wav" },
        { "fixture:formats/test.avi", "video/avi" },
        { "ffmpeg:webp", "image/webp" },
        { "ffmpeg:webp-alpha", "image/webp" },
        { "ffmpeg:wav", "audio/wav" },
        { "ffmpeg:avi", "video/avi" },
    };

    /// <summary>The path of a named input.</summary>
    public static string Resolve(string source) => source switch
    {
        "ffmpeg:webp" => Make("lossy.webp", "-f lavfi -i testsrc2=size=320x240:rate=1 -frames:v 1 -c:v libwebp -quality 80"),
        // Lossless with an alpha channel: a simple VP8L file whose VP8X must say alpha.
        "ffmpeg:webp-alpha" => Make("lossless-alpha.webp", "-f lavfi -i testsrc2=size=161x97:rate=1 -frames:v 1 -vf format=rgba,colorchannelmixer=aa=0.5 -c:v libwebp -lossless 1"),
        // 11,025 one-byte samples: an odd data chunk, followed by its pad byte.
        "ffmpeg:wav" => Make("tone.wav", "-f lavfi -i sine=frequency=440:sample_rate=11025 -t 1 -ac 1 -c:a pcm_u8"),
        "ffmpeg:avi" => Make("clip.avi", "-f lavfi -i testsrc2=size=320x240:rate=25 -f lavfi -i sine=frequency=440:sample_rate=22050 -t 2 -c:v mjpeg -c:a pcm_s16le -shortest"),
        _ => TestPaths.Fixture(source["fixture:".Length..]),
    };

    private static string Make(string name, string arguments) => Media.TestMedia.Make("riff/" + name, arguments);
}
