using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Provenance.Assertions;

/// <summary>JSON helpers shared by the credit assertions (schema.org CreativeWork, CAWG metadata).</summary>
internal static class CreditJson
{
    // Names in any script are written as UTF-8, not \u escapes, so the JSON box reads as written.
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static string Serialize(JsonObject document) => document.ToJsonString(Options);

    public static JsonDocument Parse(ReadOnlySpan<byte> utf8Json, string what)
    {
        try
        {
            return JsonDocument.Parse(utf8Json.ToArray());
        }
        catch (JsonException ex)
        {
            throw new ProvenanceFormatException(FormatLayer.Assertion, ex.BytePositionInLine ?? -1, $"the {what} is not valid JSON: {ex.Message}", ex);
        }
    }

    /// <summary>A string, or the first string of an array, or the <c>name</c>/<c>@value</c> of an object.</summary>
    public static string? Text(JsonElement element, params ReadOnlySpan<string> objectKeys)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Array:
                foreach (JsonElement item in element.EnumerateArray())
                {
                    if (Text(item, objectKeys) is { } text)
                    {
                        return text;
                    }
                }

                return null;
            case JsonValueKind.Object:
                foreach (string key in objectKeys)
                {
                    if (element.TryGetProperty(key, out JsonElement value) && Text(value, objectKeys) is { } text)
                    {
                        return text;
                    }
                }

                return element.TryGetProperty("@value", out JsonElement literal) && literal.ValueKind == JsonValueKind.String ? literal.GetString() : null;
            default:
                return null;
        }
    }

    /// <summary>The items of an array, an XMP list (<c>{"@list": [...]}</c>), or the single value itself.</summary>
    public static IEnumerable<JsonElement> Items(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object
            && (element.TryGetProperty("@list", out JsonElement list) || element.TryGetProperty("@set", out list))
            && list.ValueKind == JsonValueKind.Array)
        {
            return list.EnumerateArray();
        }

        return element.ValueKind == JsonValueKind.Array ? element.EnumerateArray() : [element];
    }
}
