using System.Security.Cryptography;

namespace Provenance.Formats;

/// <summary>
/// An optional capability of a format handler (<see cref="IAssetHandler"/>): its format is bound by a BMFF hash
/// (C2PA 2.2 §18.6), as ISO BMFF files are. Validation asks the handler for the hash and for the boxes Merkle trees
/// cover instead of reading the boxes itself (c2pa-rs asks an asset handler for such capabilities the same way).
/// </summary>
internal interface IBmffHashHandler
{
    /// <summary>
    /// The flat BMFF hash (C2PA 2.2 §18.6.2): every top-level box not wholly excluded, each preceded by its absolute
    /// offset as a 64-bit big-endian number when <paramref name="hashBoxOffsets"/> is true (v2 and later).
    /// </summary>
    /// <param name="asset">The asset, read from offset 0.</param>
    /// <param name="algorithm">The hash algorithm.</param>
    /// <param name="exclusions">What the hash leaves out.</param>
    /// <param name="hashBoxOffsets">Whether each box's offset is hashed (false only for the 1.x <c>c2pa.hash.bmff</c>).</param>
    /// <param name="options">The caller's read limits (how deep an exclusion's path is followed).</param>
    /// <param name="progress">Receives the number of bytes hashed.</param>
    /// <param name="cancellationToken">Cancels hashing.</param>
    /// <exception cref="ProvenanceFormatException">A box runs past the end of the asset, or its header is cut off.</exception>
    Task<byte[]> HashAsync(Stream asset, HashAlgorithmName algorithm, IReadOnlyList<BmffExclusion> exclusions, bool hashBoxOffsets, AssetReadOptions options, IProgress<long>? progress, CancellationToken cancellationToken);

    /// <summary>
    /// The asset's top-level <c>mdat</c> boxes, for Merkle trees over them (C2PA 2.2 §18.6.6): how many there are, the
    /// first <paramref name="keep"/> of them, and whether the asset is fragmented (has a <c>moof</c>; the walk stops there).
    /// </summary>
    /// <exception cref="ProvenanceFormatException">A box runs past the end of the asset, or its header is cut off.</exception>
    MediaDataLayout ReadMediaData(Stream asset, int keep, AssetReadOptions options, CancellationToken cancellationToken);

    /// <summary>
    /// The CBOR <c>bmff-merkle-map</c> of each C2PA Merkle box of a media segment (C2PA 2.2 §A.5.4.1.2), in file
    /// order, read as the sequence is enumerated.
    /// </summary>
    /// <exception cref="ProvenanceFormatException">A box runs past the end of the segment, or a Merkle box is too large.</exception>
    IEnumerable<byte[]> ReadMerkleBoxes(Stream segment, AssetReadOptions options, CancellationToken cancellationToken);
}

/// <summary>The top-level <c>mdat</c> boxes of an asset, as <see cref="IBmffHashHandler.ReadMediaData"/> found them.</summary>
/// <param name="Count">How many there are.</param>
/// <param name="Kept">The first of them, in file order (at most as many as were asked for).</param>
/// <param name="HasFragments">Whether the asset has a top-level <c>moof</c> box.</param>
internal sealed record MediaDataLayout(long Count, IReadOnlyList<MediaDataBox> Kept, bool HasFragments);

/// <summary>
/// One top-level <c>mdat</c> box, and the bytes a Merkle tree over it covers: its payload after the box's first
/// 16 bytes, whatever its header size (C2PA 2.2 §18.6.6, as c2pa-rs lays the leaves out).
/// </summary>
/// <param name="Offset">The absolute offset of the box.</param>
/// <param name="Size">The whole box's length, header included.</param>
internal readonly record struct MediaDataBox(long Offset, long Size)
{
    /// <summary>Bytes at the start of every mdat that the flat hash keeps and the Merkle tree leaves out.</summary>
    public const int HeadLength = 16;

    /// <summary>Where the Merkle leaves start.</summary>
    public long LeavesStart => Offset + HeadLength;

    /// <summary>How many bytes the Merkle leaves cover.</summary>
    public long LeavesLength => Math.Max(0, Size - HeadLength);

    /// <summary>The number of leaves of <paramref name="blockSize"/> bytes (one at least).</summary>
    public long LeafCount(long blockSize) => Math.Max(1, (LeavesLength + blockSize - 1) / blockSize);
}
