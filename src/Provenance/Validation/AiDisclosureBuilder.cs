using Provenance.Assertions;

namespace Provenance.Validation;

/// <summary>
/// Decides <see cref="ContentSummary.Ai"/> over the whole chain of manifests (the rule is on <see cref="AiDisclosure"/>):
/// every digital-source-type claim is gathered from the active manifest down through its ingredients, each marked
/// proven or not, and only proven claims may say Generated, Contains, Algorithmic or Human.
/// </summary>
internal static class AiDisclosureBuilder
{
    public static (AiDisclosure Ai, IReadOnlyList<AiEvidence> Evidence, GeneratorInfo? Model) Build(IReadOnlyList<ManifestReport> manifests, string activeLabel, ValidationState state)
    {
        List<AiEvidence> claims = Gather(manifests, activeLabel, state != ValidationState.Invalid);
        List<AiEvidence> unproven = [.. claims.Where(c => !c.Validated && c.Kind != DigitalSourceTypeKind.Neutral)];
        if (state == ValidationState.Invalid)
        {
            // A tampered or broken file proves nothing it says, about its ingredients included.
            return (AiDisclosure.Unproven, unproven, null);
        }

        List<AiEvidence> ai = [.. claims.Where(c => c.Validated && c.Kind == DigitalSourceTypeKind.GenerativeAi)];
        AiEvidence? creation = Creation(claims);
        if (creation is not null)
        {
            return (AiDisclosure.Generated, [creation, .. ai.Where(c => c != creation)], creation.Model ?? ai.FirstOrDefault(c => c.Model is not null)?.Model);
        }

        if (ai.Count > 0)
        {
            return (AiDisclosure.Contains, ai, ai.FirstOrDefault(c => c.Model is not null)?.Model);
        }

        // Nothing proven shows AI; a claim that did not validate could hide it, or be a false "human".
        if (unproven.Count > 0)
        {
            return (AiDisclosure.Unproven, unproven, null);
        }

        List<AiEvidence> algorithmic = [.. claims.Where(c => c.Kind == DigitalSourceTypeKind.Algorithmic)];
        if (algorithmic.Count > 0)
        {
            return (AiDisclosure.Algorithmic, algorithmic, null);
        }

        List<AiEvidence> human = [.. claims.Where(c => c.Kind == DigitalSourceTypeKind.Human)];
        return human.Count > 0 ? (AiDisclosure.Human, human, null) : (AiDisclosure.Unknown, claims, null);
    }

    // The active manifest's creating action; for a claim without a c2pa.created that states a source type (C2PA 1.x
    // tools), the asset-level IPTC source type describes the whole work and stands in for it.
    private static AiEvidence? Creation(List<AiEvidence> claims)
    {
        List<AiEvidence> active = [.. claims.Where(c => c.IngredientPath.Count == 0 && c.Validated)];
        List<AiEvidence> created = [.. active.Where(c => c.Action == C2paActions.Created)];
        IEnumerable<AiEvidence> candidates = created.Count > 0 ? created : active.Where(c => c.Action is null);
        return candidates.FirstOrDefault(c => DigitalSourceTypes.IsWhollyGenerativeAi(c.SourceType));
    }

    // Depth first from the active manifest, in store order of ingredients, each manifest once (a chain can share or, when
    // forged, loop); iterative, as a hostile store can hold a chain deeper than the stack.
    private static List<AiEvidence> Gather(IReadOnlyList<ManifestReport> manifests, string activeLabel, bool activeProven)
    {
        var byLabel = new Dictionary<string, ManifestReport>(StringComparer.Ordinal);
        foreach (ManifestReport manifest in manifests)
        {
            byLabel.TryAdd(manifest.Label, manifest);
        }

        var claims = new List<AiEvidence>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<(ManifestReport Manifest, IReadOnlyList<string> Path, bool Proven)>();
        if (byLabel.TryGetValue(activeLabel, out ManifestReport? active))
        {
            pending.Push((active, [], activeProven));
        }

        while (pending.TryPop(out var next))
        {
            if (!seen.Add(next.Manifest.Label))
            {
                continue;
            }

            foreach (SourceTypeClaim claim in SourceTypeClaims.Read(next.Manifest))
            {
                claims.Add(new AiEvidence(next.Manifest.Label, claim.Assertion, claim.Action, next.Path, claim.SourceType, claim.Agent, next.Proven));
            }

            foreach (IngredientInfo ingredient in next.Manifest.Ingredients.Reverse())
            {
                if (ingredient.ActiveManifest is { } label && byLabel.TryGetValue(label, out ManifestReport? target))
                {
                    // An ingredient's claims are proven only if every link down to it is: the reference matched and the
                    // manifest it names validated.
                    bool proven = next.Proven && ingredient.HashCheck == IngredientHashCheck.Matched && target.Validated == true;
                    pending.Push((target, [.. next.Path, ingredient.Title ?? ingredient.Label], proven));
                }
            }
        }

        return claims;
    }
}
