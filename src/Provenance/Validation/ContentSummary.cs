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

    /// <summary>
    /// Whether the claims below (credit, consent) come from a manifest that validated (the state is Valid or Trusted).
    /// When false they are what the file says, not facts: show them as unverified, if at all.
    /// </summary>
    public bool ClaimsVerified { get; init; }

    /// <summary>Credited authors' names.</summary>
    public IReadOnlyList<string> Authors { get; init; } = [];

    /// <summary>Credited authors with their identifier (an ORCID, ISNI or profile URL) and role, in any script.</summary>
    public IReadOnlyList<CreditedAuthor> CreditedAuthors { get; init; } = [];

    /// <summary>Who holds the copyright, if stated.</summary>
    public string? CopyrightHolder { get; init; }

    /// <summary>The licence (a URL), if stated.</summary>
    public string? License { get; init; }

    /// <summary>Whom to ask for a licence and remuneration (an e-mail address or URL), if stated.</summary>
    public string? LicensingContact { get; init; }

    /// <summary>The whole training-and-data-mining policy, each use with its constraint information; null when none is stated.</summary>
    public TrainingMiningAssertion? TrainingMining { get; init; }

    /// <summary>The AI-inference policy, null when the manifest states none.</summary>
    public TrainingMiningUse? AiInference { get; init; }

    /// <summary>The AI-training policy, null when the manifest states none.</summary>
    public TrainingMiningUse? AiTraining { get; init; }

    /// <summary>The generative-AI-training policy, null when the manifest states none.</summary>
    public TrainingMiningUse? AiGenerativeTraining { get; init; }

    /// <summary>The data-mining policy, null when the manifest states none.</summary>
    public TrainingMiningUse? DataMining { get; init; }
}
