using Provenance.Assertions;
using Provenance.Cbor;
using Provenance.Jumbf;
using Provenance.Manifests;

namespace Provenance.Validation;

/// <summary>
/// What an update manifest may hold (C2PA 2.2 §10.3.1.2, as c2pa-rs checks it): no hard binding (it binds the content
/// through the manifest it updates), only metadata actions, no thumbnail, and exactly one <c>parentOf</c> ingredient.
/// </summary>
internal static class UpdateManifestRules
{
    private static readonly HashSet<string> AllowedActions = new(StringComparer.Ordinal)
    {
        "c2pa.edited.metadata", C2paActions.Opened, "c2pa.published", "c2pa.redacted",
    };

    public static void Validate(Manifest manifest, Claim claim, IReadOnlyDictionary<string, JumbfSuperBox> assertions, StatusLog log)
    {
        string url = JumbfUri.Absolute(C2paLabels.ManifestStore, manifest.Label);
        if (claim.AllAssertions.Any(a => C2paLabels.IsHardBinding(LastLabel(a.Url))))
        {
            log.AddFailure(StatusCodes.ManifestUpdateInvalid, url, "update manifests cannot contain hard binding assertions");
        }

        if (claim.AllAssertions.Any(a => LastLabel(a.Url).StartsWith(C2paLabels.ClaimThumbnail, StringComparison.Ordinal)))
        {
            log.AddFailure(StatusCodes.ManifestUpdateInvalid, url, "update manifests cannot contain thumbnail assertions");
        }

        int parents = 0;
        foreach ((string label, JumbfSuperBox box) in assertions)
        {
            string type = C2paLabels.StripInstance(label);
            if (type is C2paLabels.Actions or C2paLabels.ActionsV2 && box.FirstContent(FourCC.Cbor)?.Data is { } content)
            {
                try
                {
                    foreach (C2paAction action in ActionsAssertion.FromCbor(CborValue.Decode(content)).Actions)
                    {
                        if (!AllowedActions.Contains(action.Action))
                        {
                            log.AddFailure(StatusCodes.ManifestUpdateInvalid, url, $"update manifests cannot contain the action {action.Action}");
                        }
                    }
                }
                catch (ProvenanceFormatException)
                {
                    // The action rules report a malformed actions assertion.
                }
            }
            else if (IngredientValidator.IsIngredient(label)
                && IngredientValidator.Decode(box)?.GetValueOrDefault("relationship") is CborTextString { Value: "parentOf" })
            {
                parents++;
            }
        }

        if (parents != 1)
        {
            log.AddFailure(StatusCodes.ManifestUpdateWrongParents, url, parents == 0
                ? "an update manifest must have an ingredient with the parentOf relationship"
                : "an update manifest can have only one parentOf ingredient");
        }
    }

    private static string LastLabel(string uri) => uri[(uri.LastIndexOf('/') + 1)..];
}
