namespace Provenance.Tests.Media;

/// <summary>
/// Real media made by ffmpeg at test time (never committed), cached for the test run. A missing ffmpeg fails the test
/// with the command that installs it.
/// </summary>
internal static class TestMedia
{
    private static readonly string CacheDirectory = Path.Combine(Path.GetTempPath(), "provenance-test-media", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    private static readonly Lock Gate = new();

    /// <summary>A 1280×720 JPEG photo-like frame.</summary>
    public static string PhotoJpeg() => Make("photo.jpg", "-f lavfi -i testsrc2=size=1280x720:rate=1 -frames:v 1 -q:v 2");

    /// <summary>A 640×480 PNG.</summary>
    public static string Png() => Make("image.png", "-f lavfi -i mandelbrot=size=640x480:rate=1 -frames:v 1");

    /// <summary>A 640×360 AVIF still (AV1 by libaom), whose iloc has no base_offset field.</summary>
    public static string Avif() => Make("image.avif", "-f lavfi -i testsrc2=size=640x360:rate=1 -frames:v 1 -c:v libaom-av1 -still-picture 1");

    /// <summary>A 320×240 JPEG XL bare codestream (libjxl), the form ffmpeg writes: no container, so no place for a manifest.</summary>
    public static string JxlCodestream() => Make("codestream.jxl", "-f lavfi -i testsrc2=size=320x240:rate=1 -frames:v 1 -c:v libjxl");

    /// <summary>An H.264 MP4 with AAC audio, three seconds.</summary>
    public static string Mp4WithAudio() => Make("video.mp4", "-f lavfi -i testsrc2=size=640x360:rate=25 -f lavfi -i sine=frequency=440:sample_rate=48000 -t 3 -c:v libx264 -pix_fmt yuv420p -c:a aac -shortest");

    /// <summary>A QuickTime MOV, two seconds.</summary>
    public static string Mov() => Make("video.mov", "-f lavfi -i testsrc2=size=320x240:rate=25 -t 2 -c:v libx264 -pix_fmt yuv420p");

    /// <summary>An AAC M4A, three seconds.</summary>
    public static string M4a() => Make("audio.m4a", "-f lavfi -i sine=frequency=440:sample_rate=48000 -t 3 -c:a aac");

    /// <summary>A fragmented MP4 (fragments at keyframes, empty moov).</summary>
    public static string FragmentedMp4() => Make("fragmented.mp4", "-f lavfi -i testsrc2=size=320x240:rate=25 -t 4 -c:v libx264 -pix_fmt yuv420p -g 25 -movflags frag_keyframe+empty_moov");

    /// <summary>A DASH representation: the init segment and its media segments (one per second of a four-second video).</summary>
    public static (string Init, IReadOnlyList<string> Segments) DashSegments()
    {
        string manifest = Make("dash/stream.mpd", "-f lavfi -i testsrc2=size=320x240:rate=25 -t 4 -c:v libx264 -pix_fmt yuv420p -g 25 -f dash -seg_duration 1 -use_template 1 -use_timeline 0");
        string dir = Path.GetDirectoryName(manifest)!;
        string init = Directory.GetFiles(dir, "init-*.m4s").Single();
        return (init, [.. Directory.GetFiles(dir, "chunk-*.m4s").Order(StringComparer.Ordinal)]);
    }

    internal static string Make(string name, string arguments)
    {
        lock (Gate)
        {
            string path = Path.Combine(CacheDirectory, name);
            if (File.Exists(path))
            {
                return path;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            // The DASH muxer names its segments after the manifest, so it writes in place; single files go through a partial name.
            string partial = name.EndsWith(".mpd", StringComparison.Ordinal) ? path : path + ".partial" + Path.GetExtension(path);
            (int exitCode, _, string error) = ProcessRunner.Run(
                "ffmpeg",
                [.. $"-v error -y {arguments}".Split(' ', StringSplitOptions.RemoveEmptyEntries), partial],
                TimeSpan.FromMinutes(5),
                "ffmpeg is needed to make test media: apt-get install -y ffmpeg (scripts/test.sh does it).");
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"ffmpeg failed to make {name}: {error}");
            }

            if (partial != path)
            {
                File.Move(partial, path);
            }
            return path;
        }
    }
}
