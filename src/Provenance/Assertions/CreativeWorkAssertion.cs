using System.Text.Json;
using System.Text.Json.Nodes;

namespace Provenance.Assertions;

/// <summary>
/// A schema.org CreativeWork in a JSON box (<c>stds.schema-org.CreativeWork</c>, C2PA 1.4 §19.20), used to credit
/// the people who made a work.
/// </summary>
public sealed class CreativeWorkAssertion
{
    /// <summary>Creates a creative work crediting <paramref name="authors"/>.</summary>
    public CreativeWorkAssertion(IEnumerable<string> authors)
    {
        ArgumentNullException.ThrowIfNull(authors);
        Authors = [.. authors];
    }

    /// <summary>The authors' names.</summary>
    public IReadOnlyList<string> Authors { get; }

    /// <summary>The JSON-LD text.</summary>
    public string ToJson()
    {
        var authors = new JsonArray();
        foreach (string name in Authors)
        {
            authors.Add(new JsonObject { ["@type"] = "Person", ["name"] = name });
        }

        var document = new JsonObject
        {
            ["@context"] = "http://schema.org/",
            ["@type"] = "CreativeWork",
            ["author"] = authors,
        };
        return document.ToJsonString();
    }

    /// <summary>Reads the author names (a single author object or an array; names of persons or organisations).</summary>
    /// <exception cref="ProvenanceFormatException">The JSON is malformed.</exception>
    public static CreativeWorkAssertion FromJson(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(utf8Json.ToArray());
            var names = new List<string>();
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("author", out JsonElement author))
            {
                IEnumerable<JsonElement> entries = author.ValueKind == JsonValueKind.Array ? author.EnumerateArray() : [author];
                foreach (JsonElement entry in entries)
                {
                    if (entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("name", out JsonElement name) && name.ValueKind == JsonValueKind.String)
                    {
                        names.Add(name.GetString()!);
                    }
                    else if (entry.ValueKind == JsonValueKind.String)
                    {
                        names.Add(entry.GetString()!);
                    }
                }
            }

            return new CreativeWorkAssertion(names);
        }
        catch (JsonException ex)
        {
            throw new ProvenanceFormatException("Assertion", ex.BytePositionInLine ?? -1, "the creative work is not valid JSON: " + ex.Message, ex);
        }
    }
}
