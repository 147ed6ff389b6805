namespace Provenance.Cbor;

/// <summary>
/// The caller's CBOR limits (<c>AssetReadOptions.MaxCborDepth</c>, <c>AssetReadOptions.MaxCborItems</c>)
/// for everything decoded during one verification: claims, assertions, COSE headers, CAWG identities, Merkle maps.
/// </summary>
/// <remarks>
/// CBOR is decoded in some twenty places deep in the validators, most of which see a JUMBF box and nothing of the
/// caller's options; rather than thread the limits through each, the pipeline enters a scope once
/// (<c>AssetValidator</c>) and <see cref="CborValue.Decode"/> reads it. The scope flows with the
/// asynchronous calls beneath it and ends with the <c>using</c> that entered it; outside any scope the defaults apply.
/// </remarks>
internal static class CborDecodeScope
{
    private static readonly AsyncLocal<CborDecodeOptions?> CurrentOptions = new();

    /// <summary>The limits of the innermost scope, or the defaults.</summary>
    public static CborDecodeOptions Current => CurrentOptions.Value ?? CborDecodeOptions.Default;

    /// <summary>Decodes with these limits until the returned scope is disposed.</summary>
    public static Scope Enter(int maxDepth, int maxItems)
    {
        CborDecodeOptions? previous = CurrentOptions.Value;
        CurrentOptions.Value = (previous ?? CborDecodeOptions.Default) with { MaxDepth = maxDepth, MaxItems = maxItems };
        return new Scope(previous);
    }

    /// <summary>Restores the limits that applied before <see cref="Enter"/>.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly CborDecodeOptions? _previous;

        internal Scope(CborDecodeOptions? previous) => _previous = previous;

        /// <inheritdoc />
        public void Dispose() => CurrentOptions.Value = _previous;
    }
}
