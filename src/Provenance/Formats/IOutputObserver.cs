namespace Provenance.Formats;

/// <summary>Sees an output as <see cref="EmbeddingWriter"/> writes it: where each piece starts, and every byte outside the store.</summary>
internal interface IOutputObserver
{
    /// <summary>A piece starts at <paramref name="outputOffset"/>.</summary>
    void StartPiece(OutputPiece piece, long outputOffset);

    /// <summary>Bytes of the current piece (never of the store piece), in order.</summary>
    void Append(ReadOnlySpan<byte> data);
}
