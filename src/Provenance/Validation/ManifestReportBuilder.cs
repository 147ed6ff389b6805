using System.Text;
using Provenance.Assertions;
using Provenance.Cbor;
using Provenance.Jumbf;
using Provenance.Manifests;
using Provenance.Validation.Identity;

namespace Provenance.Validation;

/// <summary>Reads what a manifest says (claim fields, assertions, actions, authors, ingredients) for the report.</summary>
internal static class ManifestReportBuilder
{
    /// <summary>
    /// Reads a manifest for the report, with what validating it found (<paramref name="context"/>) and the reported
    /// ingredient deltas; a manifest that was not validated has no signer, validity or ingredient checks.
    /// </summary>
    public static ManifestReport Build(Manifest manifest, ValidationContext context, IReadOnlyList<IngredientDelta> deltas)
    {
        ManifestCheck? check = context.Checks.GetValueOrDefault(manifest.Label);
        IReadOnlyList<IdentityInfo>? identities = context.Identities.GetValueOrDefault(manifest.Label);
        Claim? claim = TryParseClaim(manifest);
        var assertions = new List<AssertionInfo>();
        var actions = new List<C2paAction>();
        CreativeWorkAssertion? creativeWork = null;
        CawgMetadataAssertion? metadata = null;
        var ingredients = new List<IngredientInfo>();
        TrainingMiningAssertion? trainingMining = null;
        foreach (JumbfSuperBox box in manifest.Assertions)
        {
            AssertionInfo info = Describe(box);
            assertions.Add(info);
            string type = C2paLabels.StripInstance(info.Label);
            try
            {
                if (type is C2paLabels.ActionsV2 or C2paLabels.Actions && info.Cbor is not null && actions.Count == 0)
                {
                    actions.AddRange(ActionsAssertion.FromCbor(info.Cbor).Actions);
                }
                else if (type == C2paLabels.CreativeWork && JsonText(info) is { } creativeWorkJson)
                {
                    creativeWork ??= CreativeWorkAssertion.FromJson(creativeWorkJson);
                }
                else if (type == C2paLabels.CawgMetadata && JsonText(info) is { } metadataJson)
                {
                    metadata ??= CawgMetadataAssertion.FromJson(metadataJson);
                }
                else if (type is C2paLabels.CawgTrainingMining or C2paLabels.TrainingMining && info.Cbor is not null)
                {
                    trainingMining = TrainingMiningAssertion.FromCbor(info.Cbor);
                }
                else if (IngredientValidator.IsIngredient(type) && info.Cbor is CborMap ingredient)
                {
                    ingredients.Add(WithChecks(DescribeIngredient(info.Label, ingredient), manifest.Label, context, deltas));
                }
            }
            catch (ProvenanceFormatException)
            {
                // A malformed assertion is still listed; its validation status says what is wrong with it.
            }
        }

        IReadOnlyList<CreditedAuthor> credited = creativeWork?.Authors is { Count: > 0 } named
            ? named
            : [.. (metadata?.Creators ?? []).Select(name => new CreditedAuthor(name))];
        return new ManifestReport
        {
            Label = manifest.Label,
            Title = claim?.Title,
            InstanceId = claim?.InstanceId,
            ClaimVersion = manifest.ClaimVersion,
            ClaimGenerator = claim is null ? [] : [.. claim.ClaimGeneratorInfo.Select(GeneratorInfo.FromCbor).OfType<GeneratorInfo>(), .. claim.ClaimGenerator is null ? [] : new[] { new GeneratorInfo(claim.ClaimGenerator) }],
            Assertions = assertions,
            Actions = actions,
            Authors = [.. credited.Select(a => a.Name)],
            CreditedAuthors = credited,
            CopyrightHolder = creativeWork?.CopyrightHolder ?? metadata?.CopyrightOwner,
            License = creativeWork?.License ?? metadata?.WebStatement,
            LicensingContact = metadata?.LicensorContact ?? creativeWork?.LicensingContact,
            TrainingMining = trainingMining,
            Ingredients = ingredients,
            Signature = check?.Signature,
            Validated = check?.Validated,
            Identities = identities ?? [],
        };
    }

    private static IngredientInfo WithChecks(IngredientInfo ingredient, string manifestLabel, ValidationContext context, IReadOnlyList<IngredientDelta> deltas)
    {
        string url = JumbfUri.Absolute(C2paLabels.ManifestStore, manifestLabel, C2paLabels.AssertionStore, ingredient.Label);
        IngredientHashCheck hashCheck = context.IngredientHashChecks.GetValueOrDefault(url);
        ManifestCheck? target = ingredient.ActiveManifest is null ? null : context.Checks.GetValueOrDefault(ingredient.ActiveManifest);
        ValidationState? state = hashCheck switch
        {
            IngredientHashCheck.Mismatch or IngredientHashCheck.Missing => ValidationState.Invalid,
            IngredientHashCheck.Matched when target is not null => !target.Validated ? ValidationState.Invalid
                : target.Signature?.IsTrusted == true ? ValidationState.Trusted
                : ValidationState.Valid,
            _ => null,
        };
        return ingredient with
        {
            HashCheck = hashCheck,
            State = state,
            ValidationDeltas = deltas.FirstOrDefault(d => d.IngredientAssertionUri == url)?.ValidationDeltas,
        };
    }

    // JSON-LD assertions live in json boxes; some writers put them in cbor boxes (c2pa-rs reads both).
    private static byte[]? JsonText(AssertionInfo info)
    {
        if (info.Json is not null)
        {
            return Encoding.UTF8.GetBytes(info.Json);
        }

        if (info.Cbor is null)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            info.Cbor.WriteJson(writer);
        }

        return buffer.ToArray();
    }

    private static Claim? TryParseClaim(Manifest manifest)
    {
        try
        {
            return manifest.ParseClaim();
        }
        catch (ProvenanceFormatException)
        {
            return null;
        }
    }

    private static AssertionInfo Describe(JumbfSuperBox box)
    {
        string label = box.Label ?? "";
        JumbfUuid type = box.Description.Type;
        try
        {
            if (type == C2paBoxTypes.CborAssertion && box.FirstContent(FourCC.Cbor) is { } cbor)
            {
                return new AssertionInfo(label, "cbor") { Cbor = CborValue.Decode(cbor.Data), EncodedCbor = cbor.Data };
            }

            if (type == C2paBoxTypes.JsonAssertion && box.FirstContent(FourCC.Json) is { } json)
            {
                return new AssertionInfo(label, "json", Json: Encoding.UTF8.GetString(json.Data.Span));
            }

            if (type == C2paBoxTypes.EmbeddedFile && box.FirstContent(FourCC.Bfdb) is { } description)
            {
                (string mediaType, _) = EmbeddedFileBoxes.ParseDescription(description.Data.Span);
                return new AssertionInfo(label, "embedded", MediaType: mediaType, Size: box.FirstContent(FourCC.Bidb)?.Data.Length);
            }
        }
        catch (ProvenanceFormatException)
        {
            return new AssertionInfo(label, "malformed");
        }

        return new AssertionInfo(label, "unknown");
    }

    private static IngredientInfo DescribeIngredient(string label, CborMap map)
    {
        string? manifestUrl = (map.GetValueOrDefault("activeManifest") ?? map.GetValueOrDefault("c2pa_manifest")) is CborMap reference
            && reference.GetValueOrDefault("url") is CborTextString url ? url.Value : null;
        string? manifestLabel = null;
        if (manifestUrl is not null && JumbfUri.TryParse(manifestUrl, out _, out IReadOnlyList<string> labels) && labels.Count >= 2)
        {
            manifestLabel = labels[1];
        }

        return new IngredientInfo(
            label,
            (map.GetValueOrDefault("dc:title") as CborTextString)?.Value,
            (map.GetValueOrDefault("dc:format") as CborTextString)?.Value,
            (map.GetValueOrDefault("relationship") as CborTextString)?.Value,
            manifestLabel);
    }
}
