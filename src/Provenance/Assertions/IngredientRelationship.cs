namespace Provenance.Assertions;

/// <summary>How an ingredient relates to the asset made from it (C2PA 2.2 §18.15.2).</summary>
public enum IngredientRelationship
{
    /// <summary>The asset was edited from this one (at most one per manifest); the first action is <c>c2pa.opened</c>.</summary>
    ParentOf,

    /// <summary>This one was placed into the asset; it goes with a <c>c2pa.placed</c> action.</summary>
    ComponentOf,

    /// <summary>This one was an input to the process that made the asset (a prompt, a model, a reference).</summary>
    InputTo,
}
