namespace Provenance.Validation;

/// <summary>
/// The status logs of ingredients, one per ingredient assertion URI in the order first met (c2pa-rs files a status
/// under the innermost ingredient being checked when it was found).
/// </summary>
internal sealed class IngredientDeltas
{
    private readonly List<IngredientDelta> _deltas = [];

    /// <summary>The log of one ingredient assertion, made on first use.</summary>
    public StatusLog For(string ingredientAssertionUri)
    {
        IngredientDelta? delta = _deltas.Find(d => d.IngredientAssertionUri == ingredientAssertionUri);
        if (delta is null)
        {
            delta = new IngredientDelta(ingredientAssertionUri, new StatusLog());
            _deltas.Add(delta);
        }

        return delta.ValidationDeltas;
    }

    /// <summary>The deltas that hold at least one status.</summary>
    public IReadOnlyList<IngredientDelta> NonEmpty()
        => [.. _deltas.Where(d => d.ValidationDeltas.Success.Count + d.ValidationDeltas.Informational.Count + d.ValidationDeltas.Failure.Count > 0)];

    public IEnumerable<IngredientDelta> All => _deltas;
}
