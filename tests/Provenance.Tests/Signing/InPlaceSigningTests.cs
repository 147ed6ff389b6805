using Provenance.Cryptography;
using Provenance.Formats;
using Provenance.Formats.Bmff;
using Provenance.Tests.Interop;
using Provenance.Validation;

namespace Provenance.Tests.Signing;

/// <summary>Signing an MP4 in place, into the room an exporter reserved after ftyp.</summary>
[Collection("c2pa-rs")]
public class InPlaceSigningTests
{
    [Fact]
    public async Task SignInPlace_ReservedFreeBox_OnlyReservedBytesChangeAndBothVerifiersTrustIt()
    {
        string dir = TestPaths.NewTempDirectory();
        string path = Path.Combine(dir, "export.mp4");
        byte[] reserved = await ReserveAsync(File.ReadAllBytes(TestPaths.Fixture("video1_no_manifest.mp4")), 64 * 1024);
        File.WriteAllBytes(path, reserved);
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        (long offset, long room) = new BmffHandler().FindReservedRoom(new MemoryStream(reserved), AssetReadOptions.Default);

        await using (var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite))
        {
            await new ManifestBuilder { Title = "export" }.SignInPlaceAsync(file, signer, new SigningOptions { Thumbnails = null });
        }

        byte[] signed = File.ReadAllBytes(path);
        Assert.Equal(reserved.Length, signed.Length);
        Assert.Equal(reserved[..(int)offset], signed[..(int)offset]);
        Assert.Equal(reserved[(int)(offset + room)..], signed[(int)(offset + room)..]);
        ValidationReport ours = await SignAndVerifyTests.VerifyAsync(signed);
        Assert.Equal(ValidationState.Trusted, ours.State);
        (_, _, string root) = TestSigners.WriteFiles(SigningAlgorithm.ES256, dir);
        C2paRsReport theirs = C2paRs.Verify(path, "video/mp4", root);
        Assert.True(theirs.ValidationState == "Trusted", $"c2pa-rs: {theirs.ValidationState} [{string.Join(", ", theirs.FailureCodes)}] {theirs.Error}");
    }

    [Fact]
    public async Task SignInPlace_RoomTooSmall_ThrowsAndLeavesFileUntouched()
    {
        byte[] reserved = await ReserveAsync(File.ReadAllBytes(TestPaths.Fixture("video1_no_manifest.mp4")), 64);
        using var stream = new MemoryStream();
        stream.Write(reserved);
        stream.Position = 0;
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);

        await Assert.ThrowsAsync<InvalidOperationException>(() => new ManifestBuilder().SignInPlaceAsync(stream, signer, new SigningOptions { Thumbnails = null }));

        Assert.Equal(reserved, stream.ToArray());
    }

    internal static async Task<byte[]> ReserveAsync(byte[] input, long bytes)
    {
        EmbeddingPlan plan = new BmffHandler().PlanReservation(new MemoryStream(input), bytes, AssetReadOptions.Default);
        using var output = new MemoryStream();
        await EmbeddingWriter.WriteAsync(new MemoryStream(input), output, plan, ReadOnlyMemory<byte>.Empty);
        return output.ToArray();
    }
}
