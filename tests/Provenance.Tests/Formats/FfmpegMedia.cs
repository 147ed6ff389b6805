namespace Provenance.Tests.Formats;

/// <summary>What ffmpeg decodes from a file, and what ffprobe reads of it (the media is made by <see cref="Media.TestMedia"/>).</summary>
internal static class FfmpegMedia
{
    /// <summary>
    /// What ffmpeg decodes from a file: the MD5 of every frame of every stream (<c>-f framemd5</c>), so two files with the
    /// same media compare equal whatever else their containers hold.
    /// </summary>
    public static string DecodedFrames(string path)
    {
        (int exitCode, string output, string error) = ProcessRunner.Run(
            "ffmpeg",
            ["-v", "error", "-i", path, "-map", "0", "-f", "framemd5", "-"],
            TimeSpan.FromMinutes(2),
            "ffmpeg is needed to decode test media: apt-get install -y ffmpeg (scripts/test.sh does it).");
        if (exitCode != 0 || error.Length > 0)
        {
            throw new InvalidOperationException($"ffmpeg could not decode {path} cleanly: {error}");
        }

        // Comment lines name the input; the frame lines are what matter.
        return string.Join('\n', output.Split('\n').Where(line => !line.StartsWith('#')));
    }

    /// <summary>The width and height ffprobe reads from an image's first video stream.</summary>
    public static (int Width, int Height) Dimensions(string path)
    {
        (int exitCode, string output, string error) = ProcessRunner.Run(
            "ffprobe",
            ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height", "-of", "csv=p=0", path],
            TimeSpan.FromMinutes(1),
            "ffprobe (ffmpeg) is needed: apt-get install -y ffmpeg.");
        string[] parts = output.Trim().Split(',');
        return exitCode == 0 && parts.Length == 2
            ? (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture))
            : throw new InvalidOperationException($"ffprobe could not read {path}: {error}");
    }
}
