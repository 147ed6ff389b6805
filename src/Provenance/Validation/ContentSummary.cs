using Provenance.Assertions;

namespace Provenance.Validation;

/// <summary>
/// Provenance's one-look summary of the active manifest: is the work AI-generated and why we say so, who signed it,
/// who made it, and may it be used for AI training. Only meaningful when the report's state is not Invalid.
/// </summary>
public sealed class ContentSummary
{
    /// <summary>Whether an action of the active manifest declares a generative-AI digital source type.</summary>
    public bool AiGenerated { get; init; }

    /// <summary>Why <see cref="AiGenerated"/> is what it is, in one sentence.</summary>
    public string AiReason { get; init; } = "";

    /// <summary>The digital source type of the first action that states one.</summary>
    public string? DigitalSourceType { get; init; }

    /// <summary>Who signed (certificate organization or common name).</summary>
    public string? Signer { get; init; }

    /// <summary>Credited authors.</summary>
    public IReadOnlyList<string> Authors { get; init; } = [];

    /// <summary>The AI-training policy, null when the manifest states none.</summary>
    public TrainingMiningUse? AiTraining { get; init; }

    /// <summary>The generative-AI-training policy, null when the manifest states none.</summary>
    public TrainingMiningUse? AiGenerativeTraining { get; init; }

    /// <summary>The data-mining policy, null when the manifest states none.</summary>
    public TrainingMiningUse? DataMining { get; init; }
}
