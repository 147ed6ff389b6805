namespace Provenance.Validation;

/// <summary>
/// What the whole chain of manifests says about AI, as far as validation proves it (<see cref="ContentSummary.Ai"/>).
/// The rule, in order: an asset whose active manifest did not validate is <see cref="Unproven"/>; a generative-AI
/// creation in the active manifest is <see cref="Generated"/>; generative AI anywhere else that validated (a later
/// action, an ingredient at any depth) is <see cref="Contains"/>; a source-type claim in a manifest that did not
/// validate is then <see cref="Unproven"/>; otherwise <see cref="Algorithmic"/>, <see cref="Human"/> or
/// <see cref="Unknown"/>, by the claims found (see <see cref="Provenance.Assertions.DigitalSourceTypes.Classify"/>).
/// </summary>
public enum AiDisclosure
{
    /// <summary>No digital source type anywhere on the chain (or no manifest): nothing is claimed either way.</summary>
    Unknown,

    /// <summary>
    /// The active manifest's creating action (<c>c2pa.created</c>; for claims without one, the asset's IPTC metadata)
    /// has a wholly generative source type: <c>trainedAlgorithmicMedia</c> (or C2PA's <c>trainedAlgorithmicData</c>).
    /// </summary>
    Generated,

    /// <summary>
    /// Generative AI took part but did not make the whole work: <c>compositeWithTrainedAlgorithmicMedia</c>, a later
    /// action with a generative source type (an AI edit), or an ingredient, at any depth, with one.
    /// </summary>
    Contains,

    /// <summary>Only human source types (captures, scans, works made or edited by people), and no AI anywhere.</summary>
    Human,

    /// <summary>A non-trained algorithmic source type (<c>algorithmicMedia</c>, <c>dataDrivenMedia</c>...), and no AI anywhere.</summary>
    Algorithmic,

    /// <summary>
    /// What is claimed sits in manifests that did not validate (the active manifest is Invalid, or an ingredient's
    /// manifest failed or does not match), and nothing that validated shows AI: the claims are not facts.
    /// </summary>
    Unproven,
}
