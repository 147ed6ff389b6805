namespace Provenance.Formats.Bmff;

/// <summary>The extended type of the C2PA ContentProvenanceBox, as bytes (C2PA 2.2 §A.5.2).</summary>
internal static class C2paUuidBoxId
{
    /// <summary>D8FEC3D6-1B0E-483C-9297-5828877EC481.</summary>
    public static byte[] Value => C2paUuidBox.Id.ToArray();
}
