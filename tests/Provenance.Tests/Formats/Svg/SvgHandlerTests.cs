using System.Text;
using System.Xml;
using System.Xml.Linq;
using Provenance.Formats;
using Provenance.Formats.Svg;
using static Provenance.Tests.Formats.FormatTestKit;

namespace Provenance.Tests.Formats.Svg;

public class SvgHandlerTests
{
    private static readonly XNamespace C2pa = "http://c2pa.org/manifest";

    // No prolog and no metadata; and one with a document type whose internal subset holds '>' (as Illustrator writes).
    internal const string Plain = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"4\" height=\"4\" fill=\"red\"/><!-- a > comment --><text x='1' y=\"2\">a &amp; b</text></svg>\n";
    internal const string WithSubset = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg [ <!ENTITY ns \"http://www.w3.org/2000/svg\"> ]>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox='0 0 5 5'><metadata>\n<x>kept</x></metadata><circle r=\"2\"/></svg>";

    public static TheoryData<string, int> InputsAndStoreSizes() => new()
    {
        { "fixture:formats/sample1.svg", 100 }, { "fixture:formats/sample1.svg", 100_000 }, { "inline:plain", 5000 }, { "inline:subset", 5001 },
    };

    [Theory]
    [MemberData(nameof(InputsAndStoreSizes))]
    public void Embed_FakeStore_ReadsBackReplacesAndRemoves(string source, int storeSize)
    {
        byte[] input = Load(source);
        IAssetHandler handler = AssetFormats.Detect(input)!.CreateHandler();

        Assert.IsType<SvgHandler>(handler);
        byte[] signed = AssertEmbedReplaceRemove(handler, input, storeSize, Normalized);
        AssertSameDrawing(input, signed);
    }

    [Fact]
    public void Embed_NoMetadata_NewMetadataRightAfterTheRootAndNamespaceDeclared()
    {
        byte[] input = Encoding.UTF8.GetBytes(Plain);
        byte[] store = FakeStore(300);

        (byte[] output, EmbeddingPlan plan) = Embed(new SvgHandler(), input, store);

        string text = Encoding.UTF8.GetString(output);
        string base64 = Convert.ToBase64String(store);
        Assert.StartsWith($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\" xmlns:c2pa=\"http://c2pa.org/manifest\"><metadata><c2pa:manifest>{base64}</c2pa:manifest></metadata><rect", text, StringComparison.Ordinal);
        Assert.Equal(text.IndexOf(base64, StringComparison.Ordinal), plan.StoreRange!.Value.Start);
        Assert.Equal(base64.Length, plan.StoreRange.Value.Length);
    }

    [Fact]
    public void Embed_ExistingMetadata_ManifestFirstInIt()
    {
        byte[] input = File.ReadAllBytes(TestPaths.Fixture("formats/sample1.svg"));

        (byte[] output, _) = Embed(new SvgHandler(), input, FakeStore(300));

        string text = Encoding.UTF8.GetString(output);
        Assert.Contains("<metadata><c2pa:manifest>", text, StringComparison.Ordinal);
        Assert.Single(XDocument.Parse(text, LoadOptions.None).Descendants(C2pa + "manifest"));
    }

    [Fact]
    public void Detect_PrologCommentsAndDoctype_ThenSvgRoot()
    {
        Assert.Same(SvgFormat.Instance, AssetFormats.Detect(Encoding.UTF8.GetBytes(WithSubset)));
        Assert.Same(SvgFormat.Instance, AssetFormats.Detect([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("<!-- made by hand -->\n" + Plain)]));
        Assert.Null(AssetFormats.Detect(Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><html><svg/></html>")));
        Assert.Null(AssetFormats.Detect(Encoding.UTF8.GetBytes("<svgx/>")));
        // Detection from a stream looks only so far (the formats' largest header size).
        Assert.Null(AssetFormats.Detect(new MemoryStream(Encoding.UTF8.GetBytes("<!--" + new string('x', 70_000) + "--><svg/>"))));
    }

    [Fact]
    public void Read_Hostile_RefusedWithLayerAndOffset()
    {
        (byte[] signed, _) = Embed(new SvgHandler(), Encoding.UTF8.GetBytes(Plain), FakeStore(2000));
        AssertPrefixesFailCleanly(new SvgHandler(), signed);

        AssertRefused("<svg><metadata><c2pa:manifest>AAAA</c2pa:manifest></metadata>", 61); // cut off: the offset is the end
        AssertRefused("<svg><g></svg>", 8);
        AssertRefused("<html></html>", 0);
        AssertRefused("<svg/>", 0);
        AssertRefused("<svg></svg><svg></svg>", 11);
        AssertRefused("<svg a=\"1></svg>", 7);
        AssertRefused("<svg><metadata><c2pa:manifest>AA&#65;A</c2pa:manifest></metadata></svg>", 30);
        AssertRefused("<svg><metadata><c2pa:manifest>AAAA<b/></c2pa:manifest></metadata></svg>", 34);
        AssertRefused("<svg><metadata><c2pa:manifest>!!!!</c2pa:manifest></metadata></svg>", 30);
        AssertRefused("<svg><metadata><c2pa:manifest>AAAA</c2pa:manifest><c2pa:manifest>AAAA</c2pa:manifest></metadata></svg>", 50);
        AssertRefused("<svg>" + string.Concat(Enumerable.Repeat("<g>", 2000)), 5 + (3 * 1023)); // the 1024th level
    }

    [Fact]
    public void Read_StoreOverTheLimit_Refused()
    {
        (byte[] signed, _) = Embed(new SvgHandler(), Encoding.UTF8.GetBytes(Plain), FakeStore(5000));

        Assert.Equal(FormatLayer.Svg, Assert.Throws<ProvenanceFormatException>(() => new SvgHandler().ReadManifestStore(new MemoryStream(signed), new AssetReadOptions { MaxManifestStoreSize = 4096 })).Layer);
    }

    [Theory]
    [InlineData("fixture:formats/sample1.svg")]
    [InlineData("inline:plain")]
    public async Task Sign_ProvenanceVerifiesCatchesAChangeAndDrawsTheSame(string source)
    {
        string path = Path.Combine(TestPaths.NewTempDirectory(), "input.svg");
        File.WriteAllBytes(path, Load(source));

        // 20 bytes from the end: inside the last elements, far from the manifest.
        byte[] signed = await AssertSignVerifyTamper(path, mediaOffsetFromEnd: 20);

        AssertSameDrawing(Load(source), signed);
    }

    internal static byte[] Load(string source) => source switch
    {
        "inline:plain" => Encoding.UTF8.GetBytes(Plain),
        "inline:subset" => Encoding.UTF8.GetBytes(WithSubset),
        _ => File.ReadAllBytes(TestPaths.Fixture(source["fixture:".Length..])),
    };

    // ffmpeg does not draw SVG: the output must be well-formed XML with the same root, and without the manifest (and the
    // metadata element made for it, and the namespace declaration) the same elements as the input.
    private static void AssertSameDrawing(byte[] input, byte[] output)
    {
        XDocument before = Parse(input);
        XDocument after = Parse(output);
        Assert.Equal(before.Root!.Name, after.Root!.Name);
        Assert.Single(after.Descendants(C2pa + "manifest"));
        Assert.True(XNode.DeepEquals(Normalize(before), Normalize(after)), "the SVG's elements changed beyond the manifest");
    }

    private static byte[] Normalized(byte[] svg) => Encoding.UTF8.GetBytes(Normalize(Parse(svg)).ToString(SaveOptions.DisableFormatting));

    private static XDocument Normalize(XDocument document)
    {
        var copy = new XDocument(document);
        copy.Descendants(C2pa + "manifest").Remove();
        copy.Root!.Attributes().Where(a => a.IsNamespaceDeclaration && a.Value == C2pa.NamespaceName).Remove();
        copy.Root.Elements().Where(e => e.Name.LocalName == "metadata" && !e.Nodes().Any()).Remove();
        return copy;
    }

    private static XDocument Parse(byte[] svg)
    {
        using XmlReader reader = XmlReader.Create(new MemoryStream(svg), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader, LoadOptions.PreserveWhitespace);
    }

    private static void AssertRefused(string svg, long offset)
    {
        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => new SvgHandler().ReadManifestStore(new MemoryStream(Encoding.UTF8.GetBytes(svg)), AssetReadOptions.Default));
        Assert.Equal(FormatLayer.Svg, ex.Layer);
        Assert.Equal(offset, ex.Offset);
    }
}
