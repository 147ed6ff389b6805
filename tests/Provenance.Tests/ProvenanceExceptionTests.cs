using Provenance.Cryptography;

namespace Provenance.Tests;

/// <summary>"Not a format Provenance handles" and "a supported format, but corrupt" are different exceptions.</summary>
public class ProvenanceExceptionTests
{
    private static readonly byte[] Text = "this is plain text, not an image"u8.ToArray();

    // SOI, then an APP0 segment whose length (1) is less than its own two length bytes (ITU T.81 §B.1.1.4).
    private static readonly byte[] CorruptJpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01, 0x00, 0x00];

    [Fact]
    public async Task Verify_PlainText_UnsupportedFormatNamingTheSupportedOnes()
    {
        UnsupportedFormatException ex = await Assert.ThrowsAsync<UnsupportedFormatException>(() => ManifestVerifier.VerifyAsync(new MemoryStream(Text)));

        Assert.Equal(FormatLayer.Asset, ex.Layer);
        Assert.Contains("JPEG", ex.SupportedFormats);
        Assert.Contains("PNG", ex.SupportedFormats);
        Assert.Contains("HEIF/HEIC/AVIF", ex.SupportedFormats);
        Assert.All(ex.SupportedFormats, name => Assert.Contains(name, ex.Message, StringComparison.Ordinal));
        Assert.IsAssignableFrom<ProvenanceException>(ex);
    }

    [Fact]
    public async Task Sign_PlainText_UnsupportedFormatListsWhatSigningHandles()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);

        UnsupportedFormatException ex = await Assert.ThrowsAsync<UnsupportedFormatException>(
            () => new ManifestBuilder().SignAsync(new MemoryStream(Text), new MemoryStream(), signer, new SigningOptions { Thumbnails = null }));

        Assert.Contains("MP4/MOV/M4A", ex.SupportedFormats);
        Assert.Contains("HEIF/HEIC/AVIF", ex.SupportedFormats);
        Assert.DoesNotContain("C2PA manifest store (.c2pa)", ex.SupportedFormats);
    }

    [Fact]
    public async Task Verify_CorruptJpeg_FormatErrorInTheJpegLayerNotUnsupported()
    {
        ProvenanceFormatException ex = await Assert.ThrowsAsync<ProvenanceFormatException>(() => ManifestVerifier.VerifyAsync(new MemoryStream(CorruptJpeg)));

        Assert.Equal(FormatLayer.Jpeg, ex.Layer);
        Assert.Equal(4, ex.Offset);
        Assert.StartsWith("JPEG: ", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("(at offset 4)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProvenanceFormatException_MessageNamesLayerAndOffset()
    {
        var ex = new ProvenanceFormatException(FormatLayer.X509, -1, "not a certificate");

        Assert.Equal("X.509: not a certificate", ex.Message);
        Assert.Equal("not a certificate", ex.Reason);
        Assert.Equal(-1, ex.Offset);
    }

    [Fact]
    public void UnsupportedFormatException_NullSupportedFormats_Throws()
        => Assert.Throws<ArgumentNullException>(() => new UnsupportedFormatException(FormatLayer.Asset, 0, "x", null!));
}
