using System.Text.Json;
using Provenance.Assertions;

namespace Provenance.Validation;

/// <summary>The credit and consent of each manifest in the report: <c>credit</c> and <c>training_mining</c>.</summary>
public static partial class ReportJsonWriter
{
    // "credit": { "authors": [{ "name", "identifier"?, "role"? }], "copyright_holder"?, "license"?, "licensing_contact"? }
    // "training_mining": { "ai_training": { "use": "notAllowed", "constraint_info"? }, ... } (standard uses by their short
    // names, C2PA 1.x and CAWG keys alike; other keys as written).
    private static void WriteRights(Utf8JsonWriter writer, ManifestReport manifest)
    {
        if (manifest.CreditedAuthors.Count > 0 || manifest.CopyrightHolder is not null || manifest.License is not null || manifest.LicensingContact is not null)
        {
            writer.WriteStartObject("credit");
            writer.WriteStartArray("authors");
            foreach (CreditedAuthor author in manifest.CreditedAuthors)
            {
                writer.WriteStartObject();
                writer.WriteString("name", author.Name);
                WriteOptional(writer, "identifier", author.Identifier);
                WriteOptional(writer, "role", author.Role);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            WriteOptional(writer, "copyright_holder", manifest.CopyrightHolder);
            WriteOptional(writer, "license", manifest.License);
            WriteOptional(writer, "licensing_contact", manifest.LicensingContact);
            writer.WriteEndObject();
        }

        if (manifest.TrainingMining is { } policy)
        {
            writer.WriteStartObject("training_mining");
            foreach ((string key, (TrainingMiningUse use, string? info)) in policy.Entries)
            {
                string normalized = TrainingMiningAssertion.NormalizeKey(key);
                writer.WriteStartObject(TrainingMiningAssertion.StandardUses.Contains(normalized) ? normalized["cawg.".Length..] : key);
                writer.WriteString("use", TrainingMiningAssertion.UseName(use));
                WriteOptional(writer, "constraint_info", info);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }
    }
}
