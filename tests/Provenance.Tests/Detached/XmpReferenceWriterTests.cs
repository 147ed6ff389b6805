using Provenance.Formats;
using Provenance.Formats.Xmp;

namespace Provenance.Tests.Detached;

public class XmpReferenceWriterTests
{
    private static readonly Uri Url = new("https://manifests.example.org/a.c2pa");

    [Fact]
    public void WithProvenance_ExistingPacket_KeepsItsPropertiesAndReplacesAnOldReference()
    {
        const string packet = "<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
            + "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" dc:format=\"image/jpeg\">"
            + "<dcterms:provenance>https://old.example.org/x.c2pa</dcterms:provenance></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>";

        string written = XmpReferenceWriter.WithProvenance(packet, Url, 0);

        Assert.Equal(Url.AbsoluteUri, XmpProvenance.FindProvenance(written));
        Assert.Contains("dc:format=\"image/jpeg\"", written);
        Assert.DoesNotContain("old.example.org", written);
        Assert.StartsWith("<?xpacket begin=", written);
        Assert.EndsWith("<?xpacket end=\"w\"?>", written);
    }

    [Fact]
    public void WithProvenance_NoPacket_MinimalPacketReadBack()
        => Assert.Equal(Url.AbsoluteUri, XmpProvenance.FindProvenance(XmpReferenceWriter.WithProvenance(null, Url, 0)));

    [Theory]
    [InlineData("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><unclosed></x:xmpmeta>", "not well-formed")]
    [InlineData("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>", "not well-formed")]
    [InlineData("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"/>", "no rdf:Description")]
    public void WithProvenance_BadPacket_RefusedWithReason(string packet, string reason)
    {
        var error = Assert.Throws<ProvenanceFormatException>(() => XmpReferenceWriter.WithProvenance(packet, Url, 42));

        Assert.Contains(reason, error.Message);
        Assert.Equal(42, error.Offset);
    }

    [Fact]
    public void Plan_JpegTwice_OneXmpSegmentWithTheLatestUrl()
    {
        byte[] once = Apply(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg")), new Uri("https://a.example.org/1.c2pa"));
        byte[] twice = Apply(once, Url);

        using var stream = new MemoryStream(twice);
        Assert.Equal(Url.AbsoluteUri, XmpProvenance.FindRemoteManifestUrl(stream, new Provenance.Formats.Jpeg.JpegHandler(), AssetReadOptions.Default, default));
        Assert.Equal(1, Count(twice, "http://ns.adobe.com/xap/1.0/\0"u8));
        Assert.Equal(once.Length + (Url.AbsoluteUri.Length - "https://a.example.org/1.c2pa".Length), twice.Length);
    }

    [Fact]
    public void Plan_Webp_UnsupportedNamesTheFormatsWhoseXmpIsWritten()
    {
        var error = Assert.Throws<UnsupportedFormatException>(() => XmpReferenceWriter.Plan(new MemoryStream(), Provenance.Formats.Riff.RiffFormat.Instance.CreateHandler(), Url, AssetReadOptions.Default, default));

        Assert.Equal(["JPEG", "PNG", "BMFF"], error.SupportedFormats);
    }

    private static byte[] Apply(byte[] input, Uri url)
    {
        using var stream = new MemoryStream(input);
        EmbeddingPlan plan = XmpReferenceWriter.Plan(stream, AssetFormats.Detect(stream)!.CreateHandler(), url, AssetReadOptions.Default, default);
        using var output = new MemoryStream();
        EmbeddingWriter.WriteAsync(stream, output, plan, ReadOnlyMemory<byte>.Empty).GetAwaiter().GetResult();
        return output.ToArray();
    }

    private static int Count(byte[] haystack, ReadOnlySpan<byte> needle)
    {
        int count = 0;
        for (int at = 0; ; count++)
        {
            int found = haystack.AsSpan(at).IndexOf(needle);
            if (found < 0)
            {
                return count;
            }

            at += found + needle.Length;
        }
    }
}
