using Provenance.Assertions;

namespace Provenance.Validation;

/// <summary>Derives the one-look summary (AI across the chain, signer, authors, AI-training consent).</summary>
internal static class SummaryBuilder
{
    public static ContentSummary Build(IReadOnlyList<ManifestReport> manifests, string activeLabel, ValidationState state)
    {
        ManifestReport? active = manifests.FirstOrDefault(m => m.Label == activeLabel);
        if (active is null)
        {
            return new ContentSummary();
        }

        (AiDisclosure ai, IReadOnlyList<AiEvidence> evidence, GeneratorInfo? model) = AiDisclosureBuilder.Build(manifests, activeLabel, state);
        string? sourceType = active.Actions.FirstOrDefault(a => DigitalSourceTypes.IsGenerativeAi(a.DigitalSourceType))?.DigitalSourceType
            ?? active.Actions.FirstOrDefault(a => a.DigitalSourceType is not null)?.DigitalSourceType;
        IReadOnlyDictionary<string, TrainingMiningEntry>? entries = active.TrainingMining?.Entries;
        return new ContentSummary
        {
            Ai = ai,
            AiEvidence = evidence,
            Model = model,
            DigitalSourceType = sourceType,
            Signer = active.Signature?.Issuer,
            ClaimsVerified = state is ValidationState.Valid or ValidationState.Trusted,
            Authors = active.Authors,
            CreditedAuthors = active.CreditedAuthors,
            CopyrightHolder = active.CopyrightHolder,
            License = active.License,
            LicensingContact = active.LicensingContact,
            TrainingMining = active.TrainingMining,
            AiInference = Use(entries, TrainingMiningAssertion.AiInference, "c2pa.ai_inference"),
            AiTraining = Use(entries, TrainingMiningAssertion.AiTraining, "c2pa.ai_training"),
            AiGenerativeTraining = Use(entries, TrainingMiningAssertion.AiGenerativeTraining, "c2pa.ai_generative_training"),
            DataMining = Use(entries, TrainingMiningAssertion.DataMining, "c2pa.data_mining"),
        };
    }

    private static TrainingMiningUse? Use(IReadOnlyDictionary<string, TrainingMiningEntry>? entries, string key, string legacyKey)
    {
        if (entries is null)
        {
            return null;
        }

        return entries.TryGetValue(key, out var entry) || entries.TryGetValue(legacyKey, out entry) ? entry.Use : null;
    }
}
