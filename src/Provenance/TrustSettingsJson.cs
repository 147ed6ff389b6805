using System.Text.Json;

using Provenance.Cryptography;

namespace Provenance;

/// <summary>
/// Reads the <c>trust</c> and <c>verify</c> sections of a c2pa-rs settings file (JSON), with errors that name the file,
/// the line and the key.
/// </summary>
internal static class TrustSettingsJson
{
    private const string Trust = "trust";
    private const string Verify = "verify";

    // c2pa-rs's Trust settings (sdk/src/settings/mod.rs), each an optional string; "anchors" is c2pa-rs 0.91's list of
    // typed trust lists (CAWG identity anchors among them), which Provenance does not read.
    private static readonly string[] TrustKeys = ["trust_anchors", "user_anchors", "allowed_list", "trust_config", "anchors"];

    public static TrustSettings Read(byte[] utf8, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8);
        }
        catch (JsonException ex)
        {
            throw new ProvenanceFormatException(FormatLayer.Settings, -1, $"{source} line {(ex.LineNumber ?? 0) + 1}: not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            Dictionary<string, int> lines = ValueLines(utf8);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Error(source, 1, "the settings must be a JSON object such as {\"trust\": {...}}");
            }

            CheckVerify(root, source, lines);
            if (!root.TryGetProperty(Trust, out JsonElement trust) || trust.ValueKind == JsonValueKind.Null)
            {
                return TrustSettings.Empty;
            }

            if (trust.ValueKind != JsonValueKind.Object)
            {
                throw Error(source, LineOf(lines, Trust), "\"trust\" must be an object");
            }

            foreach (JsonProperty property in trust.EnumerateObject())
            {
                if (!TrustKeys.Contains(property.Name, StringComparer.Ordinal))
                {
                    throw Error(source, LineOf(lines, Trust, property.Name), $"trust.{property.Name} is not a c2pa-rs trust setting (known: {string.Join(", ", TrustKeys[..4])})");
                }
            }

            var settings = new TrustSettings();
            if (Text(trust, "trust_anchors", source, lines) is { } anchors)
            {
                settings = settings with { TrustAnchors = TrustAnchorSet.Read(anchors.Value, anchors.Name, anchors.LineName) };
            }

            if (Text(trust, "user_anchors", source, lines) is { } user)
            {
                settings = settings with { UserAnchors = TrustAnchorSet.Read(user.Value, user.Name, user.LineName) };
            }

            if (Text(trust, "allowed_list", source, lines) is { } allowed)
            {
                settings = settings with { AllowedList = AllowedSignerList.Read(allowed.Value, allowed.Name, allowed.LineName) };
            }

            if (Text(trust, "trust_config", source, lines) is { } config)
            {
                settings = settings with { AdditionalEkus = TrustListText.ReadObjectIdentifiers(config.Value, config.LineName) };
            }

            return settings;
        }
    }

    private static void CheckVerify(JsonElement root, string source, Dictionary<string, int> lines)
    {
        if (!root.TryGetProperty(Verify, out JsonElement verify) || verify.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (verify.ValueKind != JsonValueKind.Object)
        {
            throw Error(source, LineOf(lines, Verify), "\"verify\" must be an object");
        }

        // The other verify settings of c2pa-rs (verify_after_sign, ocsp_fetch, remote_manifest_fetch, ...) concern what
        // c2pa-rs does besides judging trust; Provenance's own options cover them.
        foreach (string key in (string[])["verify_trust", "verify_timestamp_trust"])
        {
            if (verify.TryGetProperty(key, out JsonElement value) && value.ValueKind != JsonValueKind.True)
            {
                throw Error(source, LineOf(lines, Verify, key), value.ValueKind == JsonValueKind.False
                    ? $"verify.{key} is false, but Provenance always checks trust (C2PA 2.2 §14.4 requires it); remove the setting"
                    : $"verify.{key} must be true or false");
            }
        }
    }

    private static (string Value, string Name, Func<int, string> LineName)? Text(JsonElement trust, string key, string source, Dictionary<string, int> lines)
    {
        if (!trust.TryGetProperty(key, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        int line = LineOf(lines, Trust, key);
        if (value.ValueKind != JsonValueKind.String)
        {
            throw Error(source, line, $"trust.{key} must be a string (its text, as c2pa-rs takes it), not {value.ValueKind.ToString().ToLowerInvariant()}");
        }

        // A JSON string holds the whole list on one line of the file: name both that line and the line within the text.
        return (value.GetString()!, $"{source} line {line} (trust.{key})", n => $"{source} line {line}, trust.{key} line {n}");
    }

    private static ProvenanceFormatException Error(string source, int line, string problem)
        => new(FormatLayer.Settings, -1, $"{source} line {line}: {problem}");

    private static int LineOf(Dictionary<string, int> lines, params string[] path)
        => lines.TryGetValue(string.Join('.', path), out int line) ? line : 1;

    /// <summary>The line (1-based) on which the value of each section and of each key within a section starts.</summary>
    private static Dictionary<string, int> ValueLines(byte[] utf8)
    {
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(utf8);
        var path = new string?[2];
        string? property = null;
        int newlines = 0;
        long counted = 0;
        while (reader.Read())
        {
            for (; counted < reader.TokenStartIndex; counted++)
            {
                newlines += utf8[counted] == (byte)'\n' ? 1 : 0;
            }

            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                property = reader.GetString();
                continue;
            }

            // CurrentDepth is the depth of the value: 1 for a section, 2 for a key of a section.
            int depth = reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray ? -1 : reader.CurrentDepth;
            if (property is not null && depth is 1 or 2)
            {
                path[depth - 1] = property;
                lines.TryAdd(depth == 1 ? property : $"{path[0]}.{property}", newlines + 1);
            }

            property = null;
        }

        return lines;
    }
}
