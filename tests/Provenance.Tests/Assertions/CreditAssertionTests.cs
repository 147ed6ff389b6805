using System.Text;
using Provenance.Assertions;

namespace Provenance.Tests.Assertions;

public class CreditAssertionTests
{
    [Fact]
    public void CreativeWork_ToJsonFromJson_RoundTripsAuthorsRightsAndScripts()
    {
        CreditedAuthor[] authors =
        [
            new(CreditNames.Arabic, "https://orcid.org/0000-0002-1825-0097", "photographer"),
            new(CreditNames.Chinese, null, "illustrator"),
            new(CreditNames.Devanagari, "https://isni.org/isni/0000000121032683"),
            new(CreditNames.Cyrillic),
            new(CreditNames.Decomposed),
        ];
        var written = new CreativeWorkAssertion(authors, CreditNames.Cyrillic, "https://creativecommons.org/licenses/by-nc/4.0/", "https://example.org/licensing");

        string json = written.ToJson();
        CreativeWorkAssertion read = CreativeWorkAssertion.FromJson(Encoding.UTF8.GetBytes(json));

        Assert.Equal(authors, read.Authors);
        Assert.Equal(CreditNames.Cyrillic, read.CopyrightHolder);
        Assert.Equal("https://creativecommons.org/licenses/by-nc/4.0/", read.License);
        Assert.Equal("https://example.org/licensing", read.LicensingContact);
        // Written as UTF-8, not as \u escapes.
        Assert.Contains(CreditNames.Arabic, json, StringComparison.Ordinal);
    }

    [Fact]
    public void CreativeWork_EmailContact_WrittenAsMailto()
    {
        string json = new CreativeWorkAssertion([], licensingContact: "rights@example.org").ToJson();

        Assert.Equal("mailto:rights@example.org", CreativeWorkAssertion.FromJson(Encoding.UTF8.GetBytes(json)).LicensingContact);
    }

    [Fact]
    public void CreativeWork_FromJson_ReadsRolePatternStringsAndIdForms()
    {
        // schema.org's Role pattern, a plain string author, and an @id instead of identifier (C2PA 1.x examples use @id).
        const string json = """
            {"@context":"http://schema.org/","@type":"CreativeWork","author":[
              {"@type":"Role","roleName":"editor","author":{"@type":"Person","name":"A","identifier":{"@type":"PropertyValue","value":"id-a"}}},
              "B",
              {"@type":"Person","@id":"https://example.org/c","name":"C"}],
             "copyrightHolder":[{"@type":"Organization","name":"Org"}]}
            """;

        CreativeWorkAssertion read = CreativeWorkAssertion.FromJson(Encoding.UTF8.GetBytes(json));

        Assert.Equal([new CreditedAuthor("A", "id-a", "editor"), new CreditedAuthor("B"), new CreditedAuthor("C", "https://example.org/c")], read.Authors);
        Assert.Equal("Org", read.CopyrightHolder);
    }

    [Fact]
    public void CawgMetadata_ToJsonFromJson_RoundTripsXmpFields()
    {
        var written = new CawgMetadataAssertion(CreditNames.All, CreditNames.Devanagari, "https://example.org/license", "rights@example.org");

        string json = written.ToJson();
        CawgMetadataAssertion read = CawgMetadataAssertion.FromJson(Encoding.UTF8.GetBytes(json));

        Assert.Equal(CreditNames.All, read.Creators);
        Assert.Equal(CreditNames.Devanagari, read.CopyrightOwner);
        Assert.Equal("https://example.org/license", read.WebStatement);
        Assert.Equal("rights@example.org", read.LicensorContact);
        Assert.Contains("\"plus:LicensorEmail\"", json, StringComparison.Ordinal);
        // CAWG Metadata 1.0: every prefix used must be declared in @context (c2pa-rs's Metadata::is_valid checks it).
        Assert.Contains("\"xmpRights\":\"http://ns.adobe.com/xap/1.0/rights/\"", json, StringComparison.Ordinal);
        Assert.Contains("\"plus\":\"http://ns.useplus.org/ldf/xmp/1.0/\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void CawgMetadata_FromJson_ReadsXmpListsAndLangAlternatives()
    {
        const string json = """
            {"@context":{"dc":"http://purl.org/dc/elements/1.1/"},
             "dc:creator":{"@list":["X","Y"]},
             "plus:Licensor":[{"plus:LicensorURL":"https://example.org/buy"}]}
            """;

        CawgMetadataAssertion read = CawgMetadataAssertion.FromJson(Encoding.UTF8.GetBytes(json));

        Assert.Equal(["X", "Y"], read.Creators);
        Assert.Equal("https://example.org/buy", read.LicensorContact);
    }

    [Fact]
    public void FromJson_Malformed_ThrowsFormatException()
    {
        Assert.Throws<ProvenanceFormatException>(() => CawgMetadataAssertion.FromJson("{"u8));
        Assert.Throws<ProvenanceFormatException>(() => CreativeWorkAssertion.FromJson("{"u8));
    }
}
