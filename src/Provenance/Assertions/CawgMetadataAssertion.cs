using System.Text.Json;
using System.Text.Json.Nodes;
using Provenance.Manifests;

namespace Provenance.Assertions;

/// <summary>
/// The credit and rights fields of a CAWG metadata assertion (<c>cawg.metadata</c>, CAWG Metadata Assertion 1.0): a
/// JSON-LD object whose <c>@context</c> maps prefixes to XMP namespaces, here Dublin Core (<c>dc:creator</c>), XMP
/// Rights Management (<c>xmpRights:Owner</c>, <c>xmpRights:WebStatement</c>) and PLUS (<c>plus:Licensor</c>, whom to
/// ask for a licence: <c>plus:LicensorEmail</c> or <c>plus:LicensorURL</c>). Unlike <c>c2pa.metadata</c>, CAWG puts
/// no restriction on the fields.
/// </summary>
internal sealed class CawgMetadataAssertion : IJsonAssertion<CawgMetadataAssertion>
{
    /// <summary>The Dublin Core namespace.</summary>
    public const string DublinCore = "http://purl.org/dc/elements/1.1/";

    /// <summary>The XMP Rights Management namespace.</summary>
    public const string XmpRights = "http://ns.adobe.com/xap/1.0/rights/";

    /// <summary>The PLUS licensing namespace.</summary>
    public const string Plus = "http://ns.useplus.org/ldf/xmp/1.0/";

    /// <summary>Creates the credit fields.</summary>
    public CawgMetadataAssertion(IEnumerable<string> creators, string? copyrightOwner = null, string? webStatement = null, string? licensorContact = null)
    {
        ArgumentNullException.ThrowIfNull(creators);
        Creators = [.. creators];
        CopyrightOwner = copyrightOwner;
        WebStatement = webStatement;
        LicensorContact = licensorContact;
    }

    /// <summary><c>dc:creator</c>: the creators' names, in order.</summary>
    public IReadOnlyList<string> Creators { get; }

    /// <summary><c>xmpRights:Owner</c> (its first entry): the copyright owner.</summary>
    public string? CopyrightOwner { get; }

    /// <summary><c>xmpRights:WebStatement</c>: the URL of the licence or rights statement.</summary>
    public string? WebStatement { get; }

    /// <summary>The first <c>plus:Licensor</c>'s <c>plus:LicensorEmail</c> or <c>plus:LicensorURL</c>.</summary>
    public string? LicensorContact { get; }

    /// <summary>Whether any field is set.</summary>
    public bool IsEmpty => Creators.Count == 0 && CopyrightOwner is null && WebStatement is null && LicensorContact is null;

    /// <inheritdoc />
    public static string Label => C2paLabels.CawgMetadata;

    /// <summary>The JSON-LD text.</summary>
    public string ToJson()
    {
        var context = new JsonObject { ["dc"] = DublinCore };
        var document = new JsonObject { ["@context"] = context };
        if (Creators.Count > 0)
        {
            document["dc:creator"] = new JsonArray([.. Creators.Select(c => (JsonNode)JsonValue.Create(c))]);
        }

        if (CopyrightOwner is not null || WebStatement is not null)
        {
            context["xmpRights"] = XmpRights;
        }

        if (CopyrightOwner is not null)
        {
            document["xmpRights:Owner"] = new JsonArray(JsonValue.Create(CopyrightOwner));
        }

        if (WebStatement is not null)
        {
            document["xmpRights:WebStatement"] = WebStatement;
        }

        if (LicensorContact is not null)
        {
            context["plus"] = Plus;
            string field = CreativeWorkAssertion.IsEmail(LicensorContact) ? "plus:LicensorEmail" : "plus:LicensorURL";
            document["plus:Licensor"] = new JsonArray(new JsonObject { [field] = LicensorContact });
        }

        return CreditJson.Serialize(document);
    }

    /// <summary>Reads the credit fields; other fields are ignored.</summary>
    /// <exception cref="ProvenanceFormatException">The JSON is malformed.</exception>
    public static CawgMetadataAssertion FromJson(ReadOnlySpan<byte> utf8Json)
    {
        using JsonDocument document = CreditJson.Parse(utf8Json, "CAWG metadata");
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new CawgMetadataAssertion([]);
        }

        var creators = new List<string>();
        if (root.TryGetProperty("dc:creator", out JsonElement creator))
        {
            creators.AddRange(CreditJson.Items(creator).Select(c => CreditJson.Text(c, "name")).OfType<string>());
        }

        string? contact = null;
        if (root.TryGetProperty("plus:Licensor", out JsonElement licensor))
        {
            contact = CreditJson.Items(licensor)
                .Where(l => l.ValueKind == JsonValueKind.Object)
                .Select(l => CreditJson.Text(l, "plus:LicensorEmail", "plus:LicensorURL"))
                .FirstOrDefault(c => c is not null);
        }

        return new CawgMetadataAssertion(
            creators,
            root.TryGetProperty("xmpRights:Owner", out JsonElement owner) ? CreditJson.Text(owner, "name") : null,
            root.TryGetProperty("xmpRights:WebStatement", out JsonElement statement) ? CreditJson.Text(statement, "@id") : null,
            contact);
    }
}
