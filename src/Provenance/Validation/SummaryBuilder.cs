using Provenance.Assertions;

namespace Provenance.Validation;

/// <summary>Derives the one-look summary (AI or not and why, signer, authors, AI-training consent) from the active manifest.</summary>
internal static class SummaryBuilder
{
    public static ContentSummary Build(ManifestReport? active)
    {
        if (active is null)
        {
            return new ContentSummary { AiReason = "no active manifest" };
        }

        C2paAction? aiAction = active.Actions.FirstOrDefault(a => DigitalSourceTypes.IsGenerativeAi(a.DigitalSourceType));
        string? sourceType = aiAction?.DigitalSourceType ?? active.Actions.FirstOrDefault(a => a.DigitalSourceType is not null)?.DigitalSourceType;
        string reason = aiAction is not null
            ? $"action {aiAction.Action} declares digital source type {ShortName(aiAction.DigitalSourceType!)}"
                + (aiAction.SoftwareAgent is { } agent ? $" (software agent: {agent.Name}{(agent.Version is null ? "" : " " + agent.Version)})" : "")
            : sourceType is not null
                ? $"no action declares generative AI; the source type is {ShortName(sourceType)}"
                : "no action declares a digital source type";
        IReadOnlyDictionary<string, (TrainingMiningUse Use, string? ConstraintInfo)>? entries = active.TrainingMining?.Entries;
        return new ContentSummary
        {
            AiGenerated = aiAction is not null,
            AiReason = reason,
            DigitalSourceType = sourceType,
            Signer = active.Signature?.Issuer,
            Authors = active.Authors,
            AiTraining = Use(entries, TrainingMiningAssertion.AiTraining, "c2pa.ai_training"),
            AiGenerativeTraining = Use(entries, TrainingMiningAssertion.AiGenerativeTraining, "c2pa.ai_generative_training"),
            DataMining = Use(entries, TrainingMiningAssertion.DataMining, "c2pa.data_mining"),
        };
    }

    private static TrainingMiningUse? Use(IReadOnlyDictionary<string, (TrainingMiningUse Use, string? ConstraintInfo)>? entries, string key, string legacyKey)
    {
        if (entries is null)
        {
            return null;
        }

        return entries.TryGetValue(key, out var entry) || entries.TryGetValue(legacyKey, out entry) ? entry.Use : null;
    }

    private static string ShortName(string uri) => uri[(uri.LastIndexOf('/') + 1)..];
}
