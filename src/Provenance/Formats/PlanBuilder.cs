namespace Provenance.Formats;

/// <summary>Builds an <see cref="EmbeddingPlan"/> by walking the input forward: copy up to a point, skip, insert.</summary>
internal sealed class PlanBuilder
{
    private readonly List<OutputPiece> _pieces = [];
    private long _position;

    /// <summary>Copies the input from the current position up to <paramref name="offset"/>.</summary>
    public void CopyTo(long offset)
    {
        if (offset > _position)
        {
            _pieces.Add(new InputPiece(_position, offset - _position));
        }

        _position = Math.Max(_position, offset);
    }

    /// <summary>Leaves the input out up to <paramref name="offset"/>.</summary>
    public void SkipTo(long offset) => _position = Math.Max(_position, offset);

    /// <summary>Inserts a piece at the current position.</summary>
    public void Insert(OutputPiece piece) => _pieces.Add(piece);

    /// <summary>The plan, copying what is left of the input.</summary>
    public EmbeddingPlan Finish(long inputLength)
    {
        CopyTo(inputLength);
        return new EmbeddingPlan(_pieces);
    }
}
