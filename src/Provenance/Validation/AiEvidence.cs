using Provenance.Assertions;

namespace Provenance.Validation;

/// <summary>One digital-source-type claim found on the chain of manifests, which led to <see cref="ContentSummary.Ai"/>.</summary>
/// <param name="ManifestLabel">The manifest that makes the claim.</param>
/// <param name="Assertion">The label of the assertion that holds it (an actions assertion, or IPTC metadata).</param>
/// <param name="Action">The action (<c>c2pa.created</c>, <c>c2pa.edited</c>...), or null for a claim about the whole asset (IPTC metadata).</param>
/// <param name="IngredientPath">The ingredients followed from the active manifest to this one (titles, else assertion labels); empty for the active manifest.</param>
/// <param name="SourceType">The digital source type URI.</param>
/// <param name="Model">The software agent of the action (for generative AI, the model), if named.</param>
/// <param name="Validated">
/// Whether the claim is proven: its manifest validated and every ingredient reference from the active manifest down to
/// it matched (for the active manifest: the report is Valid or Trusted).
/// </param>
public sealed record AiEvidence(
    string ManifestLabel,
    string Assertion,
    string? Action,
    IReadOnlyList<string> IngredientPath,
    string SourceType,
    GeneratorInfo? Model,
    bool Validated)
{
    /// <summary>What the source type tells about AI.</summary>
    public DigitalSourceTypeKind Kind => DigitalSourceTypes.Classify(SourceType);
}
