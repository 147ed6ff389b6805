namespace Provenance.Manifests;

/// <summary>Labels of the C2PA manifest store's boxes and of the assertions Provenance knows (C2PA 2.2 §11.1.4, §18.4).</summary>
internal static class C2paLabels
{
    /// <summary>The manifest store superbox.</summary>
    public const string ManifestStore = "c2pa";

    /// <summary>The assertion store of a manifest.</summary>
    public const string AssertionStore = "c2pa.assertions";

    /// <summary>The claim, version 2.</summary>
    public const string ClaimV2 = "c2pa.claim.v2";

    /// <summary>The claim, version 1 (C2PA 1.x; read only).</summary>
    public const string ClaimV1 = "c2pa.claim";

    /// <summary>The claim signature.</summary>
    public const string Signature = "c2pa.signature";

    /// <summary>Actions, version 2.</summary>
    public const string ActionsV2 = "c2pa.actions.v2";

    /// <summary>Actions, version 1 (deprecated; read only).</summary>
    public const string Actions = "c2pa.actions";

    /// <summary>Data hash hard binding.</summary>
    public const string DataHash = "c2pa.hash.data";

    /// <summary>BMFF hash hard binding, version 1 (ignored by validators).</summary>
    public const string BmffHashV1 = "c2pa.hash.bmff";

    /// <summary>BMFF hash hard binding, version 2.</summary>
    public const string BmffHashV2 = "c2pa.hash.bmff.v2";

    /// <summary>BMFF hash hard binding, version 3.</summary>
    public const string BmffHashV3 = "c2pa.hash.bmff.v3";

    /// <summary>General box hash hard binding.</summary>
    public const string BoxesHash = "c2pa.hash.boxes";

    /// <summary>Collection data hash hard binding.</summary>
    public const string CollectionHash = "c2pa.hash.collection.data";

    /// <summary>Schema.org creative work (1.x metadata; still read and written for authorship).</summary>
    public const string CreativeWork = "stds.schema-org.CreativeWork";

    /// <summary>CAWG metadata assertion (JSON-LD metadata of any namespace; CAWG Metadata Assertion 1.0).</summary>
    public const string CawgMetadata = "cawg.metadata";

    /// <summary>CAWG identity assertion (CAWG Identity Assertion 1.1).</summary>
    public const string CawgIdentity = "cawg.identity";

    /// <summary>CAWG training and data-mining assertion.</summary>
    public const string CawgTrainingMining = "cawg.training-mining";

    /// <summary>C2PA 1.x training and data-mining assertion.</summary>
    public const string TrainingMining = "c2pa.training-mining";

    /// <summary>Ingredient, version 3.</summary>
    public const string IngredientV3 = "c2pa.ingredient.v3";

    /// <summary>Ingredient, version 2 (deprecated).</summary>
    public const string IngredientV2 = "c2pa.ingredient.v2";

    /// <summary>Ingredient, version 1 (deprecated).</summary>
    public const string Ingredient = "c2pa.ingredient";

    /// <summary>Claim thumbnail.</summary>
    public const string ClaimThumbnail = "c2pa.thumbnail.claim";

    /// <summary>Embedded data, such as the bytes of a data ingredient (an embedded-file box, as c2pa-rs writes the <c>data</c> of an ingredient in a v2 claim).</summary>
    public const string EmbeddedData = "c2pa.embedded-data";

    /// <summary>Time-stamps for other manifests' signatures, added later (C2PA 2.2 §18.17).</summary>
    public const string TimeStamp = "c2pa.time-stamp";

    /// <summary>Labels of every hard-binding assertion type (C2PA 2.2 §9.2); the 1.x BMFF hash counts as one, as c2pa-rs counts it.</summary>
    public static IReadOnlySet<string> HardBindings { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        DataHash, BmffHashV1, BmffHashV2, BmffHashV3, BoxesHash, CollectionHash,
    };

    /// <summary>
    /// Removes an instance suffix (<c>__2</c>) from an assertion label, giving the type label (C2PA 2.2 §6.4).
    /// </summary>
    public static string StripInstance(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        int index = label.LastIndexOf("__", StringComparison.Ordinal);
        return index > 0 && label.AsSpan(index + 2).IndexOfAnyExceptInRange('0', '9') < 0 && index + 2 < label.Length
            ? label[..index]
            : label;
    }

    /// <summary>Whether <paramref name="label"/> (with or without an instance suffix) is a hard binding.</summary>
    public static bool IsHardBinding(string label) => HardBindings.Contains(StripInstance(label));
}
