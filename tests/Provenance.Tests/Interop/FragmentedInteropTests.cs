using Provenance.Cryptography;
using Provenance.Validation;

namespace Provenance.Tests.Interop;

/// <summary>DASH: an init segment with the manifest, media segments each verifiable with it alone, by us and by c2pa-rs.</summary>
[Collection("c2pa-rs")]
public class FragmentedInteropTests
{
    [Fact]
    public async Task SignFragmented_EverySegmentVerifiesWithTheInitSegment_AndATamperedOneDoesNot()
    {
        (string init, IReadOnlyList<string> segments) = Media.TestMedia.DashSegments();
        string dir = TestPaths.NewTempDirectory();
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        (_, _, string root) = TestSigners.WriteFiles(SigningAlgorithm.ES256, dir);
        string output = Path.Combine(dir, "signed");

        await new ManifestBuilder { Title = "stream" }.SignFragmentedAsync(init, segments, output, signer);

        string signedInit = Path.Combine(output, Path.GetFileName(init));
        Assert.True(segments.Count >= 3);
        foreach (string segment in segments)
        {
            string signedSegment = Path.Combine(output, Path.GetFileName(segment));
            ValidationReport ours = await VerifyAsync(signedInit, signedSegment);
            C2paRsReport theirs = C2paRs.VerifyFragment(signedInit, signedSegment, "video/mp4", root);
            Assert.Equal(ValidationState.Trusted, ours.State);
            Assert.True(theirs.ValidationState == "Trusted", $"c2pa-rs on {Path.GetFileName(segment)}: {theirs.ValidationState} [{string.Join(", ", theirs.FailureCodes)}] {theirs.Error}");
        }

        string tampered = Path.Combine(dir, "tampered.m4s");
        byte[] bytes = File.ReadAllBytes(Path.Combine(output, Path.GetFileName(segments[1])));
        bytes[^50] ^= 0x01;
        File.WriteAllBytes(tampered, bytes);
        ValidationReport oursTampered = await VerifyAsync(signedInit, tampered);
        C2paRsReport theirsTampered = C2paRs.VerifyFragment(signedInit, tampered, "video/mp4", root);
        Assert.Equal([StatusCodes.AssertionBmffHashMismatch], oursTampered.ActiveManifestResults.Failure.Select(f => f.Code));
        Assert.NotEqual("Trusted", theirsTampered.ValidationState);
    }

    private static async Task<ValidationReport> VerifyAsync(string init, string segment)
    {
        await using FileStream initStream = File.OpenRead(init);
        await using FileStream segmentStream = File.OpenRead(segment);
        return await ManifestVerifier.VerifyFragmentAsync(initStream, segmentStream, new VerificationOptions { TrustAnchors = TestSigners.Anchors });
    }
}
