using System.Security.Cryptography;
using Provenance.Hashing;

namespace Provenance.Formats.Bmff;

/// <summary>
/// Merkle leaves of non-fragmented <c>mdat</c> boxes (C2PA 2.2 §18.6.6, as c2pa-rs lays them out): the payload after the
/// box's first 16 bytes (whatever its header size) in fixed-size blocks, each block one leaf (<see cref="MediaDataBox"/>).
/// </summary>
internal static class BmffMerkle
{
    /// <summary>Bytes at the start of every mdat that the flat hash keeps and the Merkle tree leaves out.</summary>
    public const int MdatHeadLength = MediaDataBox.HeadLength;

    public static long LeafCount(long mdatSize, long blockSize) => new MediaDataBox(0, mdatSize).LeafCount(blockSize);

    /// <summary>The top-level mdat boxes' sizes, in file order.</summary>
    public static List<long> MdatSizes(Stream stream, AssetReadOptions options, CancellationToken cancellationToken)
        => [.. MdatBoxes(stream, options, cancellationToken).Select(b => b.Size)];

    /// <summary>The Merkle root of every top-level mdat, its leaves hashed on all cores and folded as they come.</summary>
    public static List<byte[]> MdatRoots(Stream stream, long blockSize, HashAlgorithmName algorithm, AssetReadOptions options, CancellationToken cancellationToken)
    {
        var roots = new List<byte[]>();
        foreach (MediaDataBox mdat in MdatBoxes(stream, options, cancellationToken))
        {
            MerkleRowBuilder row = MerkleRowBuilder.TryCreate(algorithm, mdat.LeafCount(blockSize), 1)!;
            byte[]? root = null;
            foreach (byte[] leaf in MerkleTree.HashLeaves(stream, mdat.LeavesStart, mdat.LeavesLength, blockSize, algorithm, Environment.ProcessorCount, cancellationToken))
            {
                root = row.Add(leaf) ?? root;
            }

            roots.Add(root!);
        }

        return roots;
    }

    /// <summary>
    /// The top-level mdat boxes, how many there are (the first <paramref name="keep"/> kept), in one pass over the
    /// headers; the walk stops at the first moof (a fragmented file), whose mdats are not counted.
    /// </summary>
    public static MediaDataLayout ReadLayout(IEnumerable<BmffBoxHeader> topLevel, int keep)
    {
        var kept = new List<MediaDataBox>();
        long count = 0;
        foreach (BmffBoxHeader box in topLevel)
        {
            if (box.Type == BmffBoxTypes.Moof)
            {
                return new MediaDataLayout(count, kept, HasFragments: true);
            }

            if (box.Type == BmffBoxTypes.Mdat && ++count <= keep)
            {
                kept.Add(new MediaDataBox(box.Offset, box.Size));
            }
        }

        return new MediaDataLayout(count, kept, HasFragments: false);
    }

    private static List<MediaDataBox> MdatBoxes(Stream stream, AssetReadOptions options, CancellationToken cancellationToken)
        => [.. BmffReader.Open(stream, options).Boxes(cancellationToken).Where(b => b.Type == BmffBoxTypes.Mdat).Select(b => new MediaDataBox(b.Offset, b.Size))];
}
