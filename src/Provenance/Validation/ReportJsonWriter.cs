using System.Globalization;
using System.Text;
using System.Text.Json;
using Provenance.Assertions;
using Provenance.Cbor;
using Provenance.Validation.Identity;

namespace Provenance.Validation;

/// <summary>
/// Writes a <see cref="ValidationReport"/> as JSON in the shape of c2pa-rs's reader report (<c>active_manifest</c>,
/// <c>manifests</c>, <c>validation_results</c>, <c>validation_state</c>), plus Provenance's <c>summary</c>, so tools that
/// read c2patool's output can read ours.
/// </summary>
public static partial class ReportJsonWriter
{
    /// <summary>The report as JSON text.</summary>
    public static string ToJson(ValidationReport report, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            Write(writer, report);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes the report to a JSON writer.</summary>
    public static void Write(Utf8JsonWriter writer, ValidationReport report)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        writer.WriteStartObject();
        if (report.ActiveManifest is not null)
        {
            writer.WriteString("active_manifest", report.ActiveManifest);
        }

        writer.WriteStartObject("manifests");
        foreach (ManifestReport manifest in report.Manifests)
        {
            writer.WritePropertyName(manifest.Label);
            WriteManifest(writer, manifest);
        }

        writer.WriteEndObject();
        writer.WriteStartObject("validation_results");
        writer.WritePropertyName("activeManifest");
        WriteLog(writer, report.ActiveManifestResults);
        writer.WriteStartArray("ingredientDeltas");
        foreach (IngredientDelta delta in report.IngredientDeltas)
        {
            writer.WriteStartObject();
            writer.WriteString("ingredientAssertionURI", delta.IngredientAssertionUri);
            writer.WritePropertyName("validationDeltas");
            WriteLog(writer, delta.ValidationDeltas);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteString("validation_state", report.State?.ToString());
        if (report.RemoteManifestUrl is not null)
        {
            writer.WriteString("remote_manifest_url", report.RemoteManifestUrl);
        }

        WriteSummary(writer, report);
        writer.WriteEndObject();
    }

    private static void WriteManifest(Utf8JsonWriter writer, ManifestReport manifest)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("claim_generator_info");
        foreach (GeneratorInfo generator in manifest.ClaimGenerator)
        {
            writer.WriteStartObject();
            writer.WriteString("name", generator.Name);
            if (generator.Version is not null)
            {
                writer.WriteString("version", generator.Version);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteOptional(writer, "title", manifest.Title);
        WriteOptional(writer, "instance_id", manifest.InstanceId);
        writer.WriteStartArray("assertions");
        foreach (AssertionInfo assertion in manifest.Assertions)
        {
            writer.WriteStartObject();
            writer.WriteString("label", assertion.Label);
            writer.WritePropertyName("data");
            if (manifest.Identities.FirstOrDefault(i => i.Label == assertion.Label) is { IsSignatureValid: true } identity)
            {
                WriteIdentity(writer, identity);
            }
            else
            {
                WriteAssertionData(writer, assertion);
            }
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("ingredients");
        foreach (IngredientInfo ingredient in manifest.Ingredients)
        {
            writer.WriteStartObject();
            WriteOptional(writer, "title", ingredient.Title);
            WriteOptional(writer, "format", ingredient.Format);
            WriteOptional(writer, "relationship", ingredient.Relationship);
            WriteOptional(writer, "active_manifest", ingredient.ActiveManifest);
            writer.WriteString("label", ingredient.Label);
            writer.WriteString("hash_check", HashCheckName(ingredient.HashCheck));
            writer.WriteString("validation_state", ingredient.State?.ToString());
            if (ingredient.ValidationDeltas is { } deltas)
            {
                writer.WritePropertyName("validation_deltas");
                WriteLog(writer, deltas);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (manifest.Signature is { } signature)
        {
            writer.WriteStartObject("signature_info");
            WriteOptional(writer, "alg", signature.Algorithm);
            WriteOptional(writer, "issuer", signature.Issuer);
            WriteOptional(writer, "common_name", signature.CommonName);
            WriteOptional(writer, "cert_serial_number", signature.SerialNumber);
            WriteOptional(writer, "time", signature.Time?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            if (signature.IsTrusted is bool trusted)
            {
                writer.WriteBoolean("trusted", trusted);
            }

            writer.WriteEndObject();
        }

        if (manifest.Validated is bool validated)
        {
            writer.WriteBoolean("validated", validated);
        }
        else
        {
            writer.WriteNull("validated");
        }

        WriteRights(writer, manifest);
        writer.WriteString("label", manifest.Label);
        writer.WriteEndObject();
    }

    // c2pa-rs shows a CAWG identity assertion whose signature verified as what it found: the signer payload and the
    // credential, in the shape of signature_info; one that failed keeps its raw content.
    private static void WriteIdentity(Utf8JsonWriter writer, IdentityInfo identity)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("signer_payload");
        identity.SignerPayload!.WriteJson(writer);
        writer.WriteStartObject("signature_info");
        WriteOptional(writer, "alg", identity.Algorithm);
        WriteOptional(writer, "issuer", identity.Organization);
        WriteOptional(writer, "common_name", identity.CommonName);
        WriteOptional(writer, "cert_serial_number", identity.SerialNumber);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteAssertionData(Utf8JsonWriter writer, AssertionInfo assertion)
    {
        if (assertion.Cbor is not null)
        {
            assertion.Cbor.WriteJson(writer);
        }
        else if (assertion.Json is not null && IsJson(assertion.Json))
        {
            writer.WriteRawValue(assertion.Json);
        }
        else
        {
            writer.WriteStartObject();
            writer.WriteString("kind", assertion.Kind);
            WriteOptional(writer, "format", assertion.MediaType);
            if (assertion.Size is long size)
            {
                writer.WriteNumber("size", size);
            }

            writer.WriteEndObject();
        }
    }

    private static void WriteLog(Utf8JsonWriter writer, StatusLog log)
    {
        writer.WriteStartObject();
        WriteStatuses(writer, "success", log.Success);
        WriteStatuses(writer, "informational", log.Informational);
        WriteStatuses(writer, "failure", log.Failure);
        writer.WriteEndObject();
    }

    private static void WriteStatuses(Utf8JsonWriter writer, string name, IReadOnlyList<ValidationStatus> statuses)
    {
        writer.WriteStartArray(name);
        foreach (ValidationStatus status in statuses)
        {
            writer.WriteStartObject();
            writer.WriteString("code", status.Code);
            WriteOptional(writer, "url", status.Url);
            WriteOptional(writer, "explanation", status.Explanation);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteSummary(Utf8JsonWriter writer, ValidationReport report)
    {
        ContentSummary summary = report.Summary;
        writer.WriteStartObject("summary");
        writer.WriteBoolean("has_manifest", report.HasManifest);
        writer.WriteBoolean("content_intact", report.ContentIntact);
        writer.WriteString("ai", AiName(summary.Ai));
        writer.WriteStartArray("ai_evidence");
        foreach (AiEvidence evidence in summary.AiEvidence)
        {
            WriteEvidence(writer, evidence);
        }

        writer.WriteEndArray();
        writer.WritePropertyName("model");
        WriteGenerator(writer, summary.Model);
        WriteOptional(writer, "digital_source_type", summary.DigitalSourceType);
        WriteOptional(writer, "signer", summary.Signer);
        writer.WriteBoolean("claims_verified", summary.ClaimsVerified);
        writer.WriteStartArray("authors");
        foreach (string author in summary.Authors)
        {
            writer.WriteStringValue(author);
        }

        writer.WriteEndArray();
        WriteCredit(writer, summary.CreditedAuthors, summary.CopyrightHolder, summary.License, summary.LicensingContact);
        WriteTrainingMining(writer, summary.TrainingMining);
        writer.WriteEndObject();
    }

    private static void WriteEvidence(Utf8JsonWriter writer, AiEvidence evidence)
    {
        writer.WriteStartObject();
        writer.WriteString("manifest", evidence.ManifestLabel);
        writer.WriteString("assertion", evidence.Assertion);
        writer.WriteString("action", evidence.Action);
        writer.WriteStartArray("ingredient_path");
        foreach (string step in evidence.IngredientPath)
        {
            writer.WriteStringValue(step);
        }

        writer.WriteEndArray();
        writer.WriteString("source_type", evidence.SourceType);
        writer.WritePropertyName("model");
        WriteGenerator(writer, evidence.Model);
        writer.WriteBoolean("validated", evidence.Validated);
        writer.WriteEndObject();
    }

    private static void WriteGenerator(Utf8JsonWriter writer, GeneratorInfo? generator)
    {
        if (generator is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("name", generator.Name);
        writer.WriteString("version", generator.Version);
        writer.WriteEndObject();
    }

    private static string AiName(AiDisclosure ai) => ai switch
    {
        AiDisclosure.Generated => "generated",
        AiDisclosure.Contains => "contains",
        AiDisclosure.Human => "human",
        AiDisclosure.Algorithmic => "algorithmic",
        AiDisclosure.Unproven => "unproven",
        _ => "unknown",
    };

    private static string HashCheckName(IngredientHashCheck check) => check switch
    {
        IngredientHashCheck.Matched => "matched",
        IngredientHashCheck.Mismatch => "mismatch",
        IngredientHashCheck.Missing => "missing",
        IngredientHashCheck.NoManifest => "no_manifest",
        _ => "not_checked",
    };

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static bool IsJson(string text)
    {
        try
        {
            using JsonDocument _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
