using System.Text.Json;
using System.Text.Json.Nodes;
using Provenance.Manifests;

namespace Provenance.Assertions;

/// <summary>
/// A schema.org CreativeWork in a JSON box (<c>stds.schema-org.CreativeWork</c>, C2PA 1.4 §19.20), used to credit
/// the people who made a work and to state its rights: <c>author</c> (persons with <c>name</c>, <c>identifier</c> and
/// <c>roleName</c>), <c>copyrightHolder</c>, <c>license</c> and <c>acquireLicensePage</c> (whom to ask for a licence).
/// </summary>
internal sealed class CreativeWorkAssertion : IJsonAssertion<CreativeWorkAssertion>
{
    /// <summary>Creates a creative work crediting <paramref name="authors"/> by name.</summary>
    public CreativeWorkAssertion(IEnumerable<string> authors)
        : this(authors?.Select(name => new CreditedAuthor(name)) ?? throw new ArgumentNullException(nameof(authors)))
    {
    }

    /// <summary>Creates a creative work crediting <paramref name="authors"/>, with optional rights information.</summary>
    public CreativeWorkAssertion(IEnumerable<CreditedAuthor> authors, string? copyrightHolder = null, string? license = null, string? licensingContact = null)
    {
        ArgumentNullException.ThrowIfNull(authors);
        Authors = [.. authors];
        CopyrightHolder = copyrightHolder;
        License = license;
        LicensingContact = licensingContact;
    }

    /// <summary>The credited authors, in order.</summary>
    public IReadOnlyList<CreditedAuthor> Authors { get; }

    /// <summary><c>copyrightHolder</c>: the name of whoever holds the copyright.</summary>
    public string? CopyrightHolder { get; }

    /// <summary><c>license</c>: the URL of the licence the work is offered under.</summary>
    public string? License { get; }

    /// <summary>
    /// <c>acquireLicensePage</c>: where to ask for a licence or remuneration (a URL; an e-mail address is written as a
    /// <c>mailto:</c> URL).
    /// </summary>
    public string? LicensingContact { get; }

    /// <inheritdoc />
    public static string Label => C2paLabels.CreativeWork;

    /// <summary>The JSON-LD text.</summary>
    public string ToJson()
    {
        var authors = new JsonArray();
        foreach (CreditedAuthor author in Authors)
        {
            var person = new JsonObject { ["@type"] = "Person", ["name"] = author.Name };
            if (author.Identifier is not null)
            {
                person["identifier"] = author.Identifier;
            }

            if (author.Role is not null)
            {
                person["roleName"] = author.Role;
            }

            authors.Add((JsonNode)person);
        }

        var document = new JsonObject
        {
            ["@context"] = "http://schema.org/",
            ["@type"] = "CreativeWork",
        };
        if (authors.Count > 0)
        {
            document["author"] = authors;
        }

        if (CopyrightHolder is not null)
        {
            document["copyrightHolder"] = new JsonObject { ["name"] = CopyrightHolder };
        }

        if (License is not null)
        {
            document["license"] = License;
        }

        if (LicensingContact is not null)
        {
            document["acquireLicensePage"] = IsEmail(LicensingContact) ? "mailto:" + LicensingContact : LicensingContact;
        }

        return CreditJson.Serialize(document);
    }

    /// <summary>
    /// Reads the credit: authors (a single author or an array; persons or organisations as objects with a <c>name</c>,
    /// plain strings, or schema.org <c>Role</c> objects wrapping one), the copyright holder, licence and licensing page.
    /// </summary>
    /// <exception cref="ProvenanceFormatException">The JSON is malformed.</exception>
    public static CreativeWorkAssertion FromJson(ReadOnlySpan<byte> utf8Json)
    {
        using JsonDocument document = CreditJson.Parse(utf8Json, "creative work");
        JsonElement root = document.RootElement;
        var authors = new List<CreditedAuthor>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new CreativeWorkAssertion(authors);
        }

        if (root.TryGetProperty("author", out JsonElement author))
        {
            foreach (JsonElement entry in CreditJson.Items(author))
            {
                if (ReadAuthor(entry, role: null) is { } credited)
                {
                    authors.Add(credited);
                }
            }
        }

        return new CreativeWorkAssertion(
            authors,
            Property(root, "copyrightHolder"),
            Property(root, "license"),
            Property(root, "acquireLicensePage"));
    }

    internal static bool IsEmail(string contact)
        => contact.Contains('@', StringComparison.Ordinal) && !contact.Contains(':', StringComparison.Ordinal) && !contact.Contains('/', StringComparison.Ordinal);

    private static CreditedAuthor? ReadAuthor(JsonElement entry, string? role)
    {
        if (entry.ValueKind == JsonValueKind.String)
        {
            return new CreditedAuthor(entry.GetString()!, null, role);
        }

        if (entry.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        string? roleName = entry.TryGetProperty("roleName", out JsonElement r) ? CreditJson.Text(r) : null;
        // schema.org's Role pattern: { "@type": "Role", "roleName": ..., "author": { person } }.
        if (entry.TryGetProperty("author", out JsonElement inner))
        {
            return ReadAuthor(inner, roleName ?? role);
        }

        if (!entry.TryGetProperty("name", out JsonElement name) || CreditJson.Text(name) is not { } text)
        {
            return null;
        }

        string? identifier = entry.TryGetProperty("identifier", out JsonElement id) ? CreditJson.Text(id, "value", "@id", "url")
            : entry.TryGetProperty("@id", out id) ? CreditJson.Text(id)
            : entry.TryGetProperty("url", out id) ? CreditJson.Text(id)
            : null;
        return new CreditedAuthor(text, identifier, roleName ?? role);
    }

    private static string? Property(JsonElement root, string name)
        => root.TryGetProperty(name, out JsonElement value) ? CreditJson.Text(value, "name", "url", "@id") : null;
}
