namespace Provenance.Formats.Bmff;

/// <summary>The BMFF hash exclusions Provenance writes (C2PA 2.2 §A.5.6), as c2pa-rs writes them.</summary>
internal static class BmffExclusions
{
    /// <summary>
    /// The C2PA manifest box (matched by its extended type), <c>ftyp</c>, <c>mfra</c>, and the free-space boxes
    /// <c>free</c> and <c>skip</c>.
    /// </summary>
    public static IReadOnlyList<BmffExclusion> Default { get; } =
    [
        new() { XPath = "/uuid", Data = [(8, C2paUuidBox.Id.ToArray())] },
        new() { XPath = "/ftyp" },
        new() { XPath = "/mfra" },
        new() { XPath = "/free" },
        new() { XPath = "/skip" },
    ];

    /// <summary>The <c>/mdat</c> exclusion that leaves each mdat's payload (after its first 16 bytes) to Merkle trees.</summary>
    public static BmffExclusion MdatPayload { get; } = new() { XPath = "/mdat", Subset = [(BmffMerkle.MdatHeadLength, 0)] };
}
