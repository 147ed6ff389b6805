using Provenance.Cryptography;
using Provenance.Formats;
using Provenance.Formats.Bmff;
using Provenance.Validation;

namespace Provenance.Tests.Formats.Bmff;

/// <summary>
/// HEIF, HEIC and AVIF locate their images with absolute offsets in <c>iloc</c> (ISO/IEC 14496-12 §8.11.3), which
/// signing does not rewrite: signing them is refused before any output exists; verifying them is not affected.
/// Fixtures: c2pa-rs's sdk/tests/fixtures sample1.heic, sample1.heif and sample1.avif.
/// </summary>
public class BmffItemLocationsTests
{
    public static TheoryData<string, string> HeifFamily => new()
    {
        { "formats/sample1.heic", "heic" },
        { "formats/sample1.heif", "mif1" },
        { "formats/sample1.avif", "avif" },
    };

    [Theory]
    [MemberData(nameof(HeifFamily))]
    public async Task SignFile_HeifFamily_ThrowsUnsupportedFormatAndLeavesNoOutput(string fixture, string brand)
    {
        string dir = TestPaths.NewTempDirectory();
        string output = Path.Combine(dir, "signed" + Path.GetExtension(fixture));
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);

        UnsupportedFormatException ex = await Assert.ThrowsAsync<UnsupportedFormatException>(
            () => new ManifestBuilder().SignFileAsync(TestPaths.Fixture(fixture), output, signer, new SigningOptions { Thumbnails = null }));

        Assert.Equal(FormatLayer.Bmff, ex.Layer);
        Assert.Contains("JPEG", ex.SupportedFormats);
        Assert.Contains($"ftyp brand '{brand}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("iloc", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(dir));
    }

    public static TheoryData<string> HeifFiles => ["formats/sample1.heic", "formats/sample1.heif", "formats/sample1.avif"];

    [Theory]
    [MemberData(nameof(HeifFiles))]
    public async Task SignInPlace_HeifFamily_ThrowsAndLeavesFileUntouched(string fixture)
    {
        byte[] original = File.ReadAllBytes(TestPaths.Fixture(fixture));
        using var stream = new MemoryStream();
        stream.Write(original);
        stream.Position = 0;
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);

        await Assert.ThrowsAsync<UnsupportedFormatException>(() => new ManifestBuilder().SignInPlaceAsync(stream, signer, new SigningOptions { Thumbnails = null }));

        Assert.Equal(original, stream.ToArray());
    }

    [Theory]
    [MemberData(nameof(HeifFiles))]
    public async Task Verify_HeifFamily_StillReadsWithoutManifest(string fixture)
    {
        ValidationReport report = await ManifestVerifier.VerifyFileAsync(TestPaths.Fixture(fixture));

        Assert.False(report.HasManifest);
    }

    [Fact]
    public void PlanEmbedding_Mp4BrandsButTopLevelIloc_Throws()
    {
        // sample1.heic with its brands rewritten to isom: the top-level meta's iloc still gives it away.
        byte[] bytes = File.ReadAllBytes(TestPaths.Fixture("formats/sample1.heic"));
        for (int brand = 8; brand < 24; brand += 4)
        {
            "isom"u8.CopyTo(bytes.AsSpan(brand));
        }

        UnsupportedFormatException ex = Assert.Throws<UnsupportedFormatException>(() => new BmffHandler().PlanEmbedding(new MemoryStream(bytes), 1000, AssetReadOptions.Default));

        Assert.Contains("top-level 'meta' box whose 'iloc'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PlanReservation_Heic_Throws()
    {
        using FileStream heic = File.OpenRead(TestPaths.Fixture("formats/sample1.heic"));

        Assert.Throws<UnsupportedFormatException>(() => new BmffHandler().PlanReservation(heic, 4096, AssetReadOptions.Default));
    }
}
