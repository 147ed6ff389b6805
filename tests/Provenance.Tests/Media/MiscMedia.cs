namespace Provenance.Tests.Media;

/// <summary>GIF, MP3 and FLAC media made by ffmpeg at test time (see <see cref="TestMedia"/>).</summary>
internal static class MiscMedia
{
    /// <summary>A 12-frame animated GIF (GIF89a, with a global palette and per-frame graphic control extensions).</summary>
    public static string AnimatedGif() => TestMedia.Make("animated.gif", "-f lavfi -i testsrc2=size=160x120:rate=6 -frames:v 12 -loop 0");

    /// <summary>Two seconds of a 440 Hz tone as MP3 (with ffmpeg's ID3v2.4 tag).</summary>
    public static string Mp3() => TestMedia.Make("tone.mp3", "-f lavfi -i sine=frequency=440:sample_rate=44100 -t 2 -c:a libmp3lame -b:a 128k");

    /// <summary>Two seconds of a 440 Hz tone as MP3 with an ID3v2.3 tag carrying a title.</summary>
    public static string Mp3Id3v23() => TestMedia.Make("tone-v23.mp3", "-f lavfi -i sine=frequency=440:sample_rate=44100 -t 2 -c:a libmp3lame -id3v2_version 3 -metadata title=Tone");

    /// <summary>Two seconds of a 440 Hz tone as MP3 with no ID3 tag at all (the file starts with a frame sync).</summary>
    public static string Mp3WithoutTag() => TestMedia.Make("tone-notag.mp3", "-f lavfi -i sine=frequency=440:sample_rate=44100 -t 2 -c:a libmp3lame -id3v2_version 0 -write_xing 0");

    /// <summary>Two seconds of a 440 Hz tone as FLAC.</summary>
    public static string Flac() => TestMedia.Make("tone.flac", "-f lavfi -i sine=frequency=440:sample_rate=44100 -t 2 -c:a flac");
}
