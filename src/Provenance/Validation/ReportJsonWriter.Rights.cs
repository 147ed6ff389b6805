using System.Text.Json;
using Provenance.Assertions;

namespace Provenance.Validation;

/// <summary>Credit and consent, in each manifest of the report and in its summary: <c>credit</c> and <c>training_mining</c>.</summary>
public static partial class ReportJsonWriter
{
    // "credit": { "authors": [{ "name", "identifier"?, "role"? }], "copyright_holder"?, "license"?, "licensing_contact"? }
    // "training_mining": { "ai_training": { "use": "notAllowed", "constraint_info"? }, ... } (standard uses by their short
    // names, C2PA 1.x and CAWG keys alike; other keys as written).
    private static void WriteRights(Utf8JsonWriter writer, ManifestReport manifest)
    {
        WriteCredit(writer, manifest.CreditedAuthors, manifest.CopyrightHolder, manifest.License, manifest.LicensingContact);
        WriteTrainingMining(writer, manifest.TrainingMining);
    }

    private static void WriteCredit(Utf8JsonWriter writer, IReadOnlyList<CreditedAuthor> authors, string? copyrightHolder, string? license, string? licensingContact)
    {
        if (authors.Count == 0 && copyrightHolder is null && license is null && licensingContact is null)
        {
            return;
        }

        writer.WriteStartObject("credit");
        writer.WriteStartArray("authors");
        foreach (CreditedAuthor author in authors)
        {
            writer.WriteStartObject();
            writer.WriteString("name", author.Name);
            WriteOptional(writer, "identifier", author.Identifier);
            WriteOptional(writer, "role", author.Role);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteOptional(writer, "copyright_holder", copyrightHolder);
        WriteOptional(writer, "license", license);
        WriteOptional(writer, "licensing_contact", licensingContact);
        writer.WriteEndObject();
    }

    private static void WriteTrainingMining(Utf8JsonWriter writer, TrainingMiningAssertion? policy)
    {
        if (policy is null)
        {
            return;
        }

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
