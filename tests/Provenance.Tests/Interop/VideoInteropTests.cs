using Provenance.Cryptography;
using Provenance.Tests.Signing;
using Provenance.Validation;

namespace Provenance.Tests.Interop;

/// <summary>
/// ISO BMFF both ways against c2pa-rs: MP4, MOV, M4A and a single-file fragmented MP4 (flat hash) signed by Provenance,
/// and MP4 signed by c2pa-rs.
/// </summary>
[Collection("c2pa-rs")]
public class VideoInteropTests
{
    public static TheoryData<string, string> Videos() => new()
    {
        { "fixture:video1_no_manifest.mp4", "video/mp4" },
        { "fixture:c.mov", "video/quicktime" },
        { "fixture:sample1.m4a", "audio/mp4" },
        { "ffmpeg:mp4", "video/mp4" },
        { "ffmpeg:mov", "video/quicktime" },
        { "ffmpeg:m4a", "audio/mp4" },
        { "ffmpeg:fragmented", "video/mp4" },
    };

    [Theory]
    [MemberData(nameof(Videos))]
    public async Task C2paRs_VideoSignedByProvenance_Trusted(string source, string mimeType)
    {
        string dir = TestPaths.NewTempDirectory();
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        byte[] signed = await SignAndVerifyTests.SignAsync(File.ReadAllBytes(Resolve(source)), signer, b => b.AddAuthor("Director"));
        string path = Path.Combine(dir, "signed" + Path.GetExtension(Resolve(source)));
        File.WriteAllBytes(path, signed);
        (_, _, string root) = TestSigners.WriteFiles(SigningAlgorithm.ES256, dir);

        C2paRsReport theirs = C2paRs.Verify(path, mimeType, root);
        ValidationReport ours = await SignAndVerifyTests.VerifyAsync(signed);

        Assert.True(theirs.ValidationState == "Trusted", $"c2pa-rs: {theirs.ValidationState} [{string.Join(", ", theirs.FailureCodes)}] {theirs.Error}");
        Assert.Equal(ValidationState.Trusted, ours.State);
        Assert.Contains(ours.ActiveManifestResults.Success, s => s.Code == StatusCodes.AssertionBmffHashMatch);
    }

    [Fact]
    public async Task Provenance_Mp4SignedByC2paRs_SameVerdictsBeforeAndAfterAnMdatByteChanges()
    {
        string dir = TestPaths.NewTempDirectory();
        (string chain, string key, string root) = TestSigners.WriteFiles(SigningAlgorithm.ES256, dir);
        string signed = Path.Combine(dir, "signed.mp4");
        C2paRs.Sign(Media.TestMedia.Mp4WithAudio(), signed, "video/mp4", chain, key, "es256");
        var options = new VerificationOptions { TrustAnchors = TrustAnchorSet.FromPemFile(root) };

        ValidationReport ours = await ManifestVerifier.VerifyFileAsync(signed, options);
        Assert.Equal("Trusted", C2paRs.Verify(signed, "video/mp4", root).ValidationState);
        Assert.Equal(ValidationState.Trusted, ours.State);

        byte[] bytes = File.ReadAllBytes(signed);
        int mdat = bytes.AsSpan().IndexOf("mdat"u8);
        bytes[mdat + 5000] ^= 0x01;
        string tampered = Path.Combine(dir, "tampered.mp4");
        File.WriteAllBytes(tampered, bytes);

        C2paRsReport theirsTampered = C2paRs.Verify(tampered, "video/mp4", root);
        ValidationReport oursTampered = await ManifestVerifier.VerifyFileAsync(tampered, options);
        Assert.Equal("Invalid", theirsTampered.ValidationState);
        Assert.Equal(["assertion.bmffHash.mismatch"], theirsTampered.FailureCodes);
        Assert.Equal(ValidationState.Invalid, oursTampered.State);
        Assert.Equal([StatusCodes.AssertionBmffHashMismatch], oursTampered.ActiveManifestResults.Failure.Select(f => f.Code));
    }

    [Theory]
    [InlineData("fixture:video1_no_manifest.mp4", "video/mp4")]
    [InlineData("fixture:c.mov", "video/quicktime")]
    public async Task MerkleTrees_SignedByProvenance_BothVerifiersAgreeBeforeAndAfterTampering(string source, string mimeType)
    {
        string dir = TestPaths.NewTempDirectory();
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        using var output = new MemoryStream();
        await new ManifestBuilder { Title = "merkle" }.SignAsync(new MemoryStream(File.ReadAllBytes(Resolve(source))), output, signer, new SigningOptions { MerkleBlockSize = 64 * 1024, Thumbnails = null });
        byte[] signed = output.ToArray();
        string path = Path.Combine(dir, "signed" + Path.GetExtension(Resolve(source)));
        File.WriteAllBytes(path, signed);
        (_, _, string root) = TestSigners.WriteFiles(SigningAlgorithm.ES256, dir);

        ValidationReport ours = await SignAndVerifyTests.VerifyAsync(signed);
        C2paRsReport theirs = C2paRs.Verify(path, mimeType, root);
        Assert.Equal(ValidationState.Trusted, ours.State);
        Assert.Equal("Trusted", theirs.ValidationState);

        // Past the first 16 bytes of mdat only the Merkle tree covers the media: both must catch the change.
        long mdat = Provenance.Formats.Bmff.BmffReader.Open(new MemoryStream(signed), Provenance.Formats.AssetReadOptions.Default).ReadTree(32, default).First(b => b.Type == Provenance.Formats.Bmff.BmffBoxTypes.Mdat).Offset;
        signed[mdat + 30000] ^= 0x01;
        File.WriteAllBytes(path, signed);
        ValidationReport oursTampered = await SignAndVerifyTests.VerifyAsync(signed);
        C2paRsReport theirsTampered = C2paRs.Verify(path, mimeType, root);
        Assert.Equal([StatusCodes.AssertionBmffHashMismatch], oursTampered.ActiveManifestResults.Failure.Select(f => f.Code));
        Assert.Equal(["assertion.bmffHash.mismatch"], theirsTampered.FailureCodes);
    }

    private static string Resolve(string source) => source switch
    {
        "ffmpeg:mp4" => Media.TestMedia.Mp4WithAudio(),
        "ffmpeg:mov" => Media.TestMedia.Mov(),
        "ffmpeg:m4a" => Media.TestMedia.M4a(),
        "ffmpeg:fragmented" => Media.TestMedia.FragmentedMp4(),
        _ => TestPaths.Fixture(source["fixture:".Length..]),
    };
}
