using Provenance.Cryptography;
using Provenance.Formats;
using Provenance.Formats.Bmff;
using Provenance.Tests.Media;
using Provenance.Tests.Signing;
using Provenance.Validation;

namespace Provenance.Tests.Formats.Bmff;

/// <summary>
/// HEIF, HEIC and AVIF signed end to end: the C2PA box goes after ftyp, iloc is rewritten (BmffItemLocations), the BMFF
/// hash covers the rewritten iloc, and the signed image decodes (libheif) to exactly the input's picture. Fixtures:
/// c2pa-rs's sdk/tests/fixtures sample1.heic, sample1.heif, sample1.avif; an AVIF made by ffmpeg (libaom).
/// </summary>
public class HeifSigningTests
{
    public static TheoryData<string> Images() => ["fixture:formats/sample1.heic", "fixture:formats/sample1.heif", "fixture:formats/sample1.avif", "ffmpeg:avif"];

    [Theory]
    [MemberData(nameof(Images))]
    public async Task SignFile_Image_TrustedAndDecodesToTheSamePicture(string source)
    {
        string input = Resolve(source);
        string output = Path.Combine(TestPaths.NewTempDirectory(), "signed" + Path.GetExtension(input));
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);

        await new ManifestBuilder { Title = "heif" }.SignFileAsync(input, output, signer, new SigningOptions { Thumbnails = null });

        ValidationReport report = await SignAndVerifyTests.VerifyAsync(File.ReadAllBytes(output));
        Assert.Equal(ValidationState.Trusted, report.State);
        Assert.Contains(report.ActiveManifestResults.Success, s => s.Code == StatusCodes.AssertionBmffHashMatch);
        string expected = HeifDecoder.FrameMd5(input);
        Assert.Contains(", ", expected, StringComparison.Ordinal);
        Assert.Equal(expected, HeifDecoder.FrameMd5(output));
    }

    [Theory]
    [MemberData(nameof(Images))]
    public async Task SignStream_ImageByteFlipped_InvalidWithBmffHashMismatch(string source)
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        byte[] signed = await SignAndVerifyTests.SignAsync(File.ReadAllBytes(Resolve(source)), signer);
        Assert.Equal(ValidationState.Trusted, (await SignAndVerifyTests.VerifyAsync(signed)).State);

        // A byte of coded image data, in the middle of mdat.
        BmffBox mdat = BmffReader.Open(new MemoryStream(signed), AssetReadOptions.Default).ReadTree(32, default).First(b => b.Type == BmffBoxTypes.Mdat);
        signed[mdat.PayloadOffset + ((mdat.Size - mdat.HeaderSize) / 2)] ^= 0x01;
        ValidationReport tampered = await SignAndVerifyTests.VerifyAsync(signed);

        Assert.Equal(ValidationState.Invalid, tampered.State);
        Assert.Equal([StatusCodes.AssertionBmffHashMismatch], tampered.ActiveManifestResults.Failure.Select(f => f.Code));
    }

    [Fact]
    public async Task SignStream_ShiftedItemLocation_InvalidBecauseIlocIsHashed()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        byte[] signed = await SignAndVerifyTests.SignAsync(File.ReadAllBytes(TestPaths.Fixture("formats/sample1.avif")), signer);

        // sample1.avif's iloc (version 0, 4-byte base_offset): the last byte of its one item's base_offset.
        BmffBox iloc = BmffReader.Open(new MemoryStream(signed), AssetReadOptions.Default).ReadTree(32, default).First(b => b.Type == BmffBoxTypes.Meta).Children.First(c => c.Type == BmffBoxTypes.Iloc);
        signed[iloc.PayloadOffset + 4 + 2 + 2 + 2 + 2 + 3] ^= 0x01;
        ValidationReport tampered = await SignAndVerifyTests.VerifyAsync(signed);

        Assert.Equal([StatusCodes.AssertionBmffHashMismatch], tampered.ActiveManifestResults.Failure.Select(f => f.Code));
    }

    [Theory]
    [MemberData(nameof(Images))]
    public async Task SignInPlace_ReservedRoom_OnlyReservedBytesChangeAndTrusted(string source)
    {
        byte[] reserved = await InPlaceSigningTests.ReserveAsync(File.ReadAllBytes(Resolve(source)), 64 * 1024);
        using var stream = new MemoryStream();
        stream.Write(reserved);
        stream.Position = 0;
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);

        await new ManifestBuilder { Title = "export" }.SignInPlaceAsync(stream, signer, new SigningOptions { Thumbnails = null });

        byte[] signed = stream.ToArray();
        Assert.Equal(reserved.Length, signed.Length);
        Assert.Equal(ValidationState.Trusted, (await SignAndVerifyTests.VerifyAsync(signed)).State);
        (long offset, long room) = new BmffHandler().FindReservedRoom(new MemoryStream(reserved), Provenance.Formats.AssetReadOptions.Default);
        Assert.Equal(reserved[(int)(offset + room)..], signed[(int)(offset + room)..]);
    }

    [Fact]
    public async Task SignFile_SignedImageAgain_TrustedOneStoreAndSamePicture()
    {
        string input = TestPaths.Fixture("formats/sample1.heif");
        string dir = TestPaths.NewTempDirectory();
        string first = Path.Combine(dir, "first.heif");
        string second = Path.Combine(dir, "second.heif");
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        await new ManifestBuilder { Title = "first" }.SignFileAsync(input, first, signer, new SigningOptions { Thumbnails = null });

        await new ManifestBuilder { Title = "second" }.SignFileAsync(first, second, signer, new SigningOptions { Thumbnails = null });

        ValidationReport report = await SignAndVerifyTests.VerifyAsync(File.ReadAllBytes(second));
        Assert.Equal(ValidationState.Trusted, report.State);
        Assert.Single(BmffReader.Open(new MemoryStream(File.ReadAllBytes(second)), AssetReadOptions.Default).ReadTree(32, default), C2paUuidBox.IsC2pa);
        Assert.Equal(HeifDecoder.FrameMd5(input), HeifDecoder.FrameMd5(second));
    }

    private static string Resolve(string source) => source == "ffmpeg:avif" ? TestMedia.Avif() : TestPaths.Fixture(source["fixture:".Length..]);
}
