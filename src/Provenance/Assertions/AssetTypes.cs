namespace Provenance.Assertions;

/// <summary>
/// Asset types of a data ingredient (the <c>dataTypes</c> of <c>c2pa.ingredient.v3</c>, C2PA 2.2 §18.15.2): what an
/// input of a generative process was. The names are the specification's, as c2pa-rs writes them.
/// </summary>
public static class AssetTypes
{
    /// <summary>A prompt given to a generator (<c>c2pa.types.generator.prompt</c>).</summary>
    public const string GeneratorPrompt = "c2pa.types.generator.prompt";

    /// <summary>A seed given to a generator (<c>c2pa.types.generator.seed</c>).</summary>
    public const string GeneratorSeed = "c2pa.types.generator.seed";

    /// <summary>A generator (<c>c2pa.types.generator</c>).</summary>
    public const string Generator = "c2pa.types.generator";

    /// <summary>A data set, or its card (<c>c2pa.types.dataset</c>).</summary>
    public const string Dataset = "c2pa.types.dataset";

    /// <summary>A trained model (<c>c2pa.types.model</c>).</summary>
    public const string Model = "c2pa.types.model";
}
