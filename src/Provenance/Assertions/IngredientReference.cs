namespace Provenance.Assertions;

/// <summary>
/// An ingredient added to a <see cref="ManifestBuilder"/> (<see cref="ManifestBuilder.AddParent"/>,
/// <see cref="ManifestBuilder.AddComponent"/>, <see cref="ManifestBuilder.AddInput(string, string, string?, string?)"/>), for an action to name in <see cref="C2paAction.Ingredients"/>. When the
/// manifest is signed it becomes the hashed URI of the ingredient's assertion in the action's
/// <c>parameters.ingredients</c> (C2PA 2.2 §18.14.4.3).
/// </summary>
/// <example>
/// <code>
/// var builder = new ManifestBuilder();
/// IngredientReference logo = builder.AddComponent("logo.png");
/// builder.AddAction(new C2paAction(C2paActions.Placed) { Ingredients = [logo], Description = "logo in the corner" });
/// </code>
/// </example>
public sealed class IngredientReference
{
    internal IngredientReference(object owner, int index, IngredientRelationship relationship, string path)
    {
        Owner = owner;
        Index = index;
        Relationship = relationship;
        Path = path;
    }

    /// <summary>How the ingredient relates to the new asset.</summary>
    public IngredientRelationship Relationship { get; }

    /// <summary>The ingredient file; for data given in memory (<see cref="ManifestBuilder.AddInput(ReadOnlySpan{byte}, string, string, string?)"/>), its title.</summary>
    public string Path { get; }

    /// <summary>The builder the ingredient was added to; a reference is only valid there.</summary>
    internal object Owner { get; }

    /// <summary>The ingredient's position among the builder's ingredients.</summary>
    internal int Index { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Relationship} ingredient {Path}";
}
