namespace Provenance.Jumbf;

/// <summary>Limits for reading untrusted JUMBF.</summary>
internal sealed record JumbfReaderOptions
{
    /// <summary>The defaults.</summary>
    public static JumbfReaderOptions Default { get; } = new();

    /// <summary>Deepest superbox nesting accepted (a C2PA store nests four deep).</summary>
    public int MaxDepth
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            field = value;
        }
    } = 16;

    /// <summary>Most boxes accepted in one structure.</summary>
    public int MaxBoxes
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            field = value;
        }
    } = 100_000;
}
