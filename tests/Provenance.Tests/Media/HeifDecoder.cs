namespace Provenance.Tests.Media;

/// <summary>
/// Decodes HEIF, HEIC and AVIF with libheif's heif-convert (ffmpeg 5.1 reads no HEIF) and fingerprints the picture with
/// ffmpeg's framemd5. The picture is decoded to Y4M, the decoder's own planes, so nothing is converted or compressed on
/// the way. A missing heif-convert fails the test with the command that installs it.
/// </summary>
internal static class HeifDecoder
{
    /// <summary>The framemd5 lines (MD5 of each decoded plane set) of the primary image of <paramref name="path"/>.</summary>
    public static string FrameMd5(string path)
    {
        string picture = Path.Combine(TestPaths.NewTempDirectory(), "decoded.y4m");
        (int exitCode, _, string error) = ProcessRunner.Run(
            "heif-convert",
            ["--quiet", path, picture],
            TimeSpan.FromMinutes(5),
            "heif-convert is needed to decode HEIF: apt-get install -y libheif-examples (scripts/test.sh does it).");
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"heif-convert could not decode {path}: {error}");
        }

        (exitCode, string md5, error) = ProcessRunner.Run(
            "ffmpeg",
            ["-v", "error", "-i", picture, "-map", "0", "-f", "framemd5", "-"],
            TimeSpan.FromMinutes(5),
            "ffmpeg is needed to compare decoded media: apt-get install -y ffmpeg (scripts/test.sh does it).");
        File.Delete(picture);
        return exitCode == 0 ? md5 : throw new InvalidOperationException($"ffmpeg could not read the decoded {path}: {error}");
    }
}
