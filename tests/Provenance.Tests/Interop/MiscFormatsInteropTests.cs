using Provenance.Cryptography;
using Provenance.Tests.Signing;
using Provenance.Validation;

namespace Provenance.Tests.Interop;

/// <summary>
/// GIF, MP3, FLAC and SVG both ways against c2pa-rs: c2pa-rs must report what Provenance signs as Trusted with no
/// failure, with every algorithm; Provenance must reach c2pa-rs's verdict on what c2pa-rs signs, before and after a
/// byte of the media changes.
/// </summary>
[Collection("c2pa-rs")]
public class MiscFormatsInteropTests
{
    private static SigningAlgorithm[] Algorithms => C2paRsChecks.Algorithms;

    public static TheoryData<string, string> Assets() => new()
    {
        { "fixture:formats/sample1.gif", "image/gif" },
        { "ffmpeg:gif", "image/gif" },
        { "fixture:formats/sample1.mp3", "audio/mpeg" },
        { "ffmpeg:mp3-v23", "audio/mpeg" },
        { "ffmpeg:mp3-notag", "audio/mpeg" },
        { "fixture:formats/sample1.flac", "audio/flac" },
        { "fixture:formats/sample1.svg", "image/svg+xml" },
        { "inline:svg", "image/svg+xml" },
    };

    [Theory]
    [MemberData(nameof(Assets))]
    public Task C2paRs_SignedByProvenance_TrustedWithEveryAlgorithm(string source, string mimeType)
        => C2paRsChecks.AssertTrustedByC2paRsAsync(Resolve(source), mimeType, source);

    [Theory]
    [MemberData(nameof(Assets))]
    public async Task Provenance_SignedByC2paRs_SameVerdictsBeforeAndAfterAMediaByteChanges(string source, string mimeType)
    {
        string dir = TestPaths.NewTempDirectory();
        string input = Resolve(source);
        // Every algorithm on each format's c2pa-rs fixture; the made-up variants (other tags, no tag, no metadata) once.
        foreach (SigningAlgorithm algorithm in source.StartsWith("fixture:", StringComparison.Ordinal) ? Algorithms : Algorithms[..1])
        {
            (string chain, string key, string root) = TestSigners.WriteFiles(algorithm, dir);
            string signed = Path.Combine(dir, $"{algorithm}{Path.GetExtension(input)}");
            C2paRs.Sign(input, signed, mimeType, chain, key, algorithm.ToString().ToLowerInvariant());
            var options = new VerificationOptions { TrustAnchors = TrustAnchorSet.FromPemFile(root) };

            C2paRsReport theirs = C2paRs.Verify(signed, mimeType, root);
            ValidationReport ours = await ManifestVerifier.VerifyFileAsync(signed, options);
            Assert.True(theirs.ValidationState == "Trusted", $"{algorithm}: c2pa-rs {theirs.ValidationState} {theirs.Error}");
            Assert.True(ours.State == ValidationState.Trusted, $"{algorithm}: {string.Join(", ", ours.ActiveManifestResults.Failure.Select(f => $"{f.Code}: {f.Explanation}"))}");
            Assert.Empty(ours.ActiveManifestResults.Failure);

            // A byte near the end (pixels, audio frames, the SVG's last elements) is covered by the data hash only.
            byte[] bytes = File.ReadAllBytes(signed);
            bytes[^MediaOffsetFromEnd(mimeType)] ^= 0x01;
            string tampered = Path.Combine(dir, $"{algorithm}.tampered{Path.GetExtension(input)}");
            File.WriteAllBytes(tampered, bytes);

            C2paRsReport theirsTampered = C2paRs.Verify(tampered, mimeType, root);
            ValidationReport oursTampered = await ManifestVerifier.VerifyFileAsync(tampered, options);
            Assert.Equal("Invalid", theirsTampered.ValidationState);
            Assert.Equal(ValidationState.Invalid, oursTampered.State);
            Assert.Equal(theirsTampered.FailureCodes.Distinct().Order(), oursTampered.ActiveManifestResults.Failure.Select(f => f.Code).Distinct().Order());
        }
    }

    private static string InlineSvg()
    {
        string path = Path.Combine(TestPaths.NewTempDirectory(), "plain.svg");
        File.WriteAllText(path, Formats.Svg.SvgHandlerTests.Plain);
        return path;
    }

    private static int MediaOffsetFromEnd(string mimeType) => mimeType == "image/svg+xml" ? 20 : 100;

    private static string Resolve(string source) => source switch
    {
        "inline:svg" => InlineSvg(),
        "ffmpeg:gif" => Media.MiscMedia.AnimatedGif(),
        "ffmpeg:mp3-v23" => Media.MiscMedia.Mp3Id3v23(),
        "ffmpeg:mp3-notag" => Media.MiscMedia.Mp3WithoutTag(),
        _ => TestPaths.Fixture(source["fixture:".Length..]),
    };
}
