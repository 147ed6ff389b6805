using Provenance.Assertions;

namespace Provenance.Validation;

/// <summary>
/// Provenance's one-look summary: what the whole chain says about AI and how far that is proven, who signed the active
/// manifest, who made the work, and may it be used for AI training.
/// </summary>
public sealed class ContentSummary
{
    /// <summary>
    /// What the chain of manifests says about AI, as far as validation proves it: generated, contains AI, human, algorithmic,
    /// unknown, or unproven (the claims sit in manifests that did not validate). The rule is on <see cref="AiDisclosure"/>.
    /// </summary>
    public AiDisclosure Ai { get; init; }

    /// <summary>
    /// The claims that led to <see cref="Ai"/>: each digital source type with its manifest, action, ingredient path,
    /// model and whether it validated (for <see cref="AiDisclosure.Unknown"/>, the claims that say nothing about AI).
    /// </summary>
    public IReadOnlyList<AiEvidence> AiEvidence { get; init; } = [];

    /// <summary>
    /// The generative model (the <c>softwareAgent</c> of the proven generative-AI action, name and version) when
    /// <see cref="Ai"/> is <see cref="AiDisclosure.Generated"/> or <see cref="AiDisclosure.Contains"/> and one is named.
    /// </summary>
    public GeneratorInfo? Model { get; init; }

    /// <summary>The digital source type of the active manifest: its generative one if any, else the first action's that states one.</summary>
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
