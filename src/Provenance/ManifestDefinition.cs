using System.Text.Json;
using Provenance.Assertions;
using Provenance.Cbor;
using Provenance.Manifests;

namespace Provenance;

/// <summary>
/// Reads a manifest definition in the JSON shape c2patool and c2pa-rs's builder use:
/// <c>{ "title": ..., "claim_generator_info": [{ "name", "version" }], "assertions": [{ "label": ..., "data": {...} }] }</c>.
/// Actions assertions become actions; <c>cawg.training-mining</c> entries join the builder's policy;
/// <c>stds.schema-org.CreativeWork</c> and <c>cawg.metadata</c> stay JSON; other assertions are stored as CBOR.
/// </summary>
public static class ManifestDefinition
{
    /// <summary>Applies a JSON manifest definition to a builder.</summary>
    /// <exception cref="ArgumentException">The JSON is malformed or an assertion is not of the expected shape.</exception>
    public static ManifestBuilder Apply(ManifestBuilder builder, string json)
    {
        ArgumentNullException.ThrowIfNull(builder);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException("The manifest definition is not valid JSON: " + ex.Message, nameof(json), ex);
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ArgumentException("The manifest definition must be a JSON object.", nameof(json));
            }

            if (root.TryGetProperty("title", out JsonElement title) && title.ValueKind == JsonValueKind.String)
            {
                builder.Title = title.GetString();
            }

            if (root.TryGetProperty("claim_generator_info", out JsonElement generators) && generators.ValueKind == JsonValueKind.Array
                && generators.GetArrayLength() > 0 && GeneratorInfo.FromCbor(CborValue.FromJson(generators[0])) is { } generator)
            {
                builder.ClaimGenerator = generator;
            }

            if (root.TryGetProperty("assertions", out JsonElement assertions) && assertions.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement assertion in assertions.EnumerateArray())
                {
                    ApplyAssertion(builder, assertion);
                }
            }
        }

        return builder;
    }

    private static void ApplyAssertion(ManifestBuilder builder, JsonElement assertion)
    {
        if (assertion.ValueKind != JsonValueKind.Object
            || !assertion.TryGetProperty("label", out JsonElement labelElement) || labelElement.ValueKind != JsonValueKind.String
            || !assertion.TryGetProperty("data", out JsonElement data))
        {
            throw new ArgumentException("Each assertion needs a text 'label' and a 'data' value.");
        }

        string label = labelElement.GetString()!;
        string type = C2paLabels.StripInstance(label);
        if (type is C2paLabels.ActionsV2 or C2paLabels.Actions)
        {
            try
            {
                foreach (C2paAction action in ActionsAssertion.FromCbor(CborValue.FromJson(data)).Actions)
                {
                    builder.AddAction(action);
                }
            }
            catch (ProvenanceFormatException ex)
            {
                throw new ArgumentException($"Assertion {label}: {ex.Reason}", ex);
            }
        }
        else if (type == C2paLabels.CawgTrainingMining && label == type)
        {
            // Merged with the builder's policy, so that options such as --no-ai-training and the file's entries make one assertion.
            try
            {
                foreach ((string key, (TrainingMiningUse use, string? info)) in TrainingMiningAssertion.FromCbor(CborValue.FromJson(data)).Entries)
                {
                    builder.SetTrainingPolicy(key, use, use == TrainingMiningUse.Constrained ? info : null);
                }
            }
            catch (ProvenanceFormatException ex)
            {
                throw new ArgumentException($"Assertion {label}: {ex.Reason}", ex);
            }
        }
        else if (type is C2paLabels.CreativeWork or C2paLabels.CawgMetadata || (assertion.TryGetProperty("kind", out JsonElement kind) && kind.GetString() == "Json"))
        {
            builder.AddJsonAssertion(label, data.GetRawText());
        }
        else
        {
            builder.AddAssertion(label, CborValue.FromJson(data));
        }
    }
}
