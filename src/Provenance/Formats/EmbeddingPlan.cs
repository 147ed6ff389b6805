using Provenance.Hashing;

namespace Provenance.Formats;

/// <summary>One contiguous piece of a planned output.</summary>
internal abstract record OutputPiece
{
    /// <summary>Number of bytes this piece contributes to the output.</summary>
    public abstract long Length { get; }
}

/// <summary>Bytes copied unchanged from the input.</summary>
internal sealed record InputPiece(long InputOffset, long Count) : OutputPiece
{
    /// <inheritdoc />
    public override long Length => Count;
}

/// <summary>Bytes produced by the handler (a rewritten header, a shifted offset table).</summary>
internal sealed record LiteralPiece(ReadOnlyMemory<byte> Bytes) : OutputPiece
{
    /// <inheritdoc />
    public override long Length => Bytes.Length;
}

/// <summary>The framed manifest store (<see cref="IAssetHandler.EncodeStore"/>), written last.</summary>
internal sealed record StorePiece(long EncodedLength) : OutputPiece
{
    /// <inheritdoc />
    public override long Length => EncodedLength;
}

/// <summary>The output of an embedding, described as pieces in output order.</summary>
internal sealed class EmbeddingPlan
{
    /// <summary>Creates a plan from its pieces.</summary>
    public EmbeddingPlan(IReadOnlyList<OutputPiece> pieces)
    {
        Pieces = pieces;
        long position = 0;
        foreach (OutputPiece piece in pieces)
        {
            if (piece is StorePiece)
            {
                StoreRange = new ExclusionRange(position, piece.Length);
            }

            position += piece.Length;
        }

        OutputLength = position;
    }

    /// <summary>The pieces, in output order.</summary>
    public IReadOnlyList<OutputPiece> Pieces { get; }

    /// <summary>Total output length in bytes.</summary>
    public long OutputLength { get; }

    /// <summary>Where the framed store lies in the output; <see langword="null"/> for a removal plan.</summary>
    public ExclusionRange? StoreRange { get; }
}
