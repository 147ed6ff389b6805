using Provenance.Assertions;
using Provenance.Cbor;
using Provenance.Formats;
using Provenance.Hashing;
using Provenance.Jumbf;
using Provenance.Manifests;
using Provenance.Validation;

namespace Provenance.Signing;

/// <summary>
/// Turns ingredient files into <c>c2pa.ingredient.v3</c> assertions (C2PA 2.2 §18.15). An ingredient that carries
/// C2PA manifests is validated first; its manifests travel into the new store unchanged, and the assertion binds its
/// active manifest and claim signature by hash and records the validation results. A data ingredient (a prompt, a
/// data-set card) is not read as media: its bytes go into a <c>c2pa.embedded-data</c> assertion that the ingredient's
/// <c>data</c> names by hashed URI, as c2pa-rs writes the data of an ingredient in a v2 claim.
/// </summary>
internal static class IngredientResolver
{
    /// <summary>An ingredient assertion and what goes with it into the new store.</summary>
    /// <param name="Label">The ingredient assertion's label.</param>
    /// <param name="Box">The ingredient assertion.</param>
    /// <param name="Relationship">How it relates to the new asset.</param>
    /// <param name="Manifests">Its manifests, carried into the new store.</param>
    /// <param name="Data">For a data ingredient, the embedded-data assertion its <c>data</c> names; written before it.</param>
    public sealed record Resolved(string Label, JumbfSuperBox Box, IngredientRelationship Relationship, IReadOnlyList<JumbfSuperBox> Manifests, (string Label, JumbfSuperBox Box)? Data = null);

    public static async Task<List<Resolved>> ResolveAsync(IReadOnlyList<IngredientSource> ingredients, SigningOptions options, CancellationToken cancellationToken)
    {
        var resolved = new List<Resolved>();
        var carried = new HashSet<string>(StringComparer.Ordinal);
        int dataCount = 0;
        for (int i = 0; i < ingredients.Count; i++)
        {
            (string path, IngredientRelationship relationship, string? title, _, string? mediaType, _) = ingredients[i];
            string label = InstanceLabel(C2paLabels.IngredientV3, i);
            if (mediaType is not null)
            {
                resolved.Add(await ResolveDataAsync(ingredients[i], label, InstanceLabel(C2paLabels.EmbeddedData, dataCount++), options, cancellationToken).ConfigureAwait(false));
                continue;
            }

            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous);
            IAssetFormat format = AssetFormats.Detect(stream, out string mimeType)
                ?? throw SupportedFormats.NotRecognised($"ingredient {path}", SupportedFormats.ForReading);
            var map = new CborMap
            {
                { "dc:title", title ?? Path.GetFileName(path) },
                { "dc:format", mimeType },
                { "relationship", RelationshipName(relationship) },
            };

            EmbeddedManifestStore? embedded = format.CreateHandler().ReadManifestStore(stream, options.ReadOptions, cancellationToken);
            var manifests = new List<JumbfSuperBox>();
            if (embedded is not null)
            {
                ManifestStore store;
                using (CborDecodeScope.Enter(options.ReadOptions.MaxCborDepth, options.ReadOptions.MaxCborItems))
                {
                    store = ManifestStore.Parse(embedded.Store, options.ReadOptions.ForJumbf());
                }
                Manifest active = store.ActiveManifest ?? throw new ProvenanceFormatException(FormatLayer.Jumbf, 0, $"ingredient {path} has a manifest store without manifests");
                stream.Position = 0;
                VerificationOptions verification = SigningVerification.For(options, options.IngredientTrustAnchors);
                ValidationReport report = await AssetValidator.ValidateAsync(stream, null, verification, checkContent: true, cancellationToken).ConfigureAwait(false);
                map.Add("activeManifest", Hashed(JumbfUri.Absolute(C2paLabels.ManifestStore, active.Label), active.Box, options.C2paHashName));
                JumbfSuperBox signature = active.Box.FindChild(C2paLabels.Signature)
                    ?? throw new ProvenanceFormatException(FormatLayer.Jumbf, 0, $"the active manifest of ingredient {path} has no signature box");
                map.Add("claimSignature", Hashed(JumbfUri.Absolute(C2paLabels.ManifestStore, active.Label, C2paLabels.Signature), signature, options.C2paHashName));
                map.Add("validationResults", new CborMap { { "activeManifest", StatusMap(report.ActiveManifestResults) } });
                foreach (Manifest manifest in store.Manifests)
                {
                    // C2PA 2.2 §18.15.4: the ingredient's manifests are copied into the new store, each once.
                    if (carried.Add(manifest.Label))
                    {
                        manifests.Add(manifest.Box);
                    }
                }
            }

            resolved.Add(new Resolved(label, AssertionBoxes.Cbor(label, map, options.Salts), relationship, manifests));
        }

        return resolved;
    }

    private static async Task<Resolved> ResolveDataAsync(IngredientSource source, string label, string dataLabel, SigningOptions options, CancellationToken cancellationToken)
    {
        ReadOnlyMemory<byte> bytes = source.Data ?? await File.ReadAllBytesAsync(source.Path, cancellationToken).ConfigureAwait(false);
        JumbfSuperBox dataBox = AssertionBoxes.EmbeddedFile(dataLabel, source.MediaType!, bytes, options.Salts);
        var map = new CborMap
        {
            { "dc:title", source.Title ?? Path.GetFileName(source.Path) },
            { "dc:format", source.MediaType! },
            { "relationship", RelationshipName(source.Relationship) },
            { "data", Hashed(JumbfUri.Relative(C2paLabels.AssertionStore, dataLabel), dataBox, options.C2paHashName) },
        };
        if (source.DataType is not null)
        {
            // C2PA 2.2 §18.15.2: dataTypes is an array of asset-type maps.
            map.Add("dataTypes", new CborArray([new CborMap { { "type", source.DataType } }]));
        }

        return new Resolved(label, AssertionBoxes.Cbor(label, map, options.Salts), source.Relationship, [], (dataLabel, dataBox));
    }

    private static string InstanceLabel(string label, int index) => index == 0 ? label : $"{label}__{index}";

    /// <summary>A hashed URI to an ingredient assertion, for the <c>ingredients</c> parameter of an action.</summary>
    public static CborMap Reference(Resolved ingredient, string algorithm)
        => Hashed(JumbfUri.Relative(C2paLabels.AssertionStore, ingredient.Label), ingredient.Box, algorithm);

    private static CborMap Hashed(string url, JumbfSuperBox box, string algorithm)
        => new HashedUri(url, null, C2paHashAlgorithms.HashData(algorithm, box.Payload.Span)).ToCbor();

    private static CborMap StatusMap(StatusLog log) => new()
    {
        { "success", Statuses(log.Success) },
        { "informational", Statuses(log.Informational) },
        { "failure", Statuses(log.Failure) },
    };

    private static CborArray Statuses(IReadOnlyList<ValidationStatus> statuses)
    {
        var array = new CborArray();
        foreach (ValidationStatus status in statuses)
        {
            var map = new CborMap { { "code", status.Code } };
            if (status.Url is not null)
            {
                map.Add("url", status.Url);
            }

            if (status.Explanation is not null)
            {
                map.Add("explanation", status.Explanation);
            }

            array.Add(map);
        }

        return array;
    }

    private static string RelationshipName(IngredientRelationship relationship) => relationship switch
    {
        IngredientRelationship.ParentOf => "parentOf",
        IngredientRelationship.ComponentOf => "componentOf",
        _ => "inputTo",
    };
}
