using Provenance.Formats;
using Provenance.Validation;

namespace Provenance.Tests.Validation;

/// <summary>The caller's read limits reach every reader a verification uses, the JUMBF reader of the store included.</summary>
public class ReadLimitTests
{
    [Fact]
    public async Task VerifyAsync_BoxDepthBelowTheStoresNesting_ManifestMalformed()
    {
        // A C2PA store nests its assertions three superboxes below the store's (store, manifest, assertion store, assertion).
        byte[] signed = await SignedJpegAsync();
        var options = new VerificationOptions { ReadOptions = new AssetReadOptions { MaxBoxDepth = 2 } };

        ValidationReport report = await ManifestVerifier.VerifyAsync(new MemoryStream(signed), options);

        ValidationStatus failure = Assert.Single(report.ActiveManifestResults.Failure);
        Assert.Equal(StatusCodes.ManifestMalformed, failure.Code);
        Assert.Contains("nested deeper than 2", failure.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_DefaultBoxDepth_ReadsTheSameStore()
    {
        byte[] signed = await SignedJpegAsync();

        ValidationReport report = await ManifestVerifier.VerifyAsync(new MemoryStream(signed), new VerificationOptions { TrustAnchors = TestSigners.Anchors });

        Assert.Equal(ValidationState.Trusted, report.State);
    }

    private static async Task<byte[]> SignedJpegAsync()
    {
        using Provenance.Cryptography.LocalSigner signer = TestSigners.Create(Provenance.Cryptography.SigningAlgorithm.ES256);
        using var output = new MemoryStream();
        await using FileStream input = File.OpenRead(TestPaths.Fixture("no_manifest.jpg"));
        await new ManifestBuilder().SignAsync(input, output, signer, new SigningOptions { Thumbnails = null });
        return output.ToArray();
    }
}
