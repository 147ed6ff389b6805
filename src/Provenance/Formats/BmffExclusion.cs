namespace Provenance.Formats;

/// <summary>One exclusion of a BMFF hash (<c>exclusions-map</c>, C2PA 2.2 §18.6.1).</summary>
/// <remarks>
/// It lives with the format contracts, not with the assertion that carries it: the BMFF hash assertion reads and writes
/// it, and a box-structured format's handler applies it (<see cref="IBmffHashHandler"/>), so both layers depend on it
/// and neither on the other.
/// </remarks>
internal sealed record BmffExclusion
{
    /// <summary>The box path, for example <c>/uuid</c> or <c>/moov[1]/trak</c>.</summary>
    public required string XPath { get; init; }

    /// <summary>Only boxes of exactly this size match.</summary>
    public long? Length { get; init; }

    /// <summary>Only boxes with these bytes at these box-relative offsets match.</summary>
    public IReadOnlyList<(long Offset, byte[] Value)> Data { get; init; } = [];

    /// <summary>Only these box-relative ranges are excluded (length 0: to the end of the box); empty excludes the whole box.</summary>
    public IReadOnlyList<(long Offset, long Length)> Subset { get; init; } = [];

    /// <summary>Only full boxes of this version match.</summary>
    public int? Version { get; init; }

    /// <summary>Only full boxes with these flags match (three bytes).</summary>
    public byte[]? Flags { get; init; }

    /// <summary>Flags must match exactly (default) or only as a subset.</summary>
    public bool? Exact { get; init; }
}
