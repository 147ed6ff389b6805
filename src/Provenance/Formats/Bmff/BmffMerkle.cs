using System.Security.Cryptography;
using Provenance.Hashing;

namespace Provenance.Formats.Bmff;

/// <summary>
/// Merkle leaves of non-fragmented <c>mdat</c> boxes (C2PA 2.2 §18.6.6, as c2pa-rs lays them out): the payload after the
/// box's first 16 bytes (whatever its header size) in fixed-size blocks, each block one leaf.
/// </summary>
internal static class BmffMerkle
{
    /// <summary>Bytes at the start of every mdat that the flat hash keeps and the Merkle tree leaves out.</summary>
    public const int MdatHeadLength = 16;

    public static long LeafCount(long mdatSize, long blockSize) => Math.Max(1, (Math.Max(0, mdatSize - MdatHeadLength) + blockSize - 1) / blockSize);

    /// <summary>The top-level mdat boxes' sizes, in file order.</summary>
    public static List<long> MdatSizes(Stream stream, CancellationToken cancellationToken)
        => [.. BmffBoxReader.EnumerateTopLevel(stream, cancellationToken).Where(b => b.Type == BmffBoxTypes.Mdat).Select(b => b.Size)];

    /// <summary>The Merkle root of every top-level mdat, its leaves hashed on all cores and folded as they come.</summary>
    public static List<byte[]> MdatRoots(Stream stream, long blockSize, HashAlgorithmName algorithm, CancellationToken cancellationToken)
    {
        var roots = new List<byte[]>();
        foreach (BmffBoxHeader mdat in MdatHeaders(stream, cancellationToken))
        {
            long length = Math.Max(0, mdat.Size - MdatHeadLength);
            MerkleRowBuilder row = MerkleRowBuilder.TryCreate(algorithm, LeafCount(mdat.Size, blockSize), 1)!;
            byte[]? root = null;
            foreach (byte[] leaf in MerkleTree.HashLeaves(stream, mdat.Offset + MdatHeadLength, length, blockSize, algorithm, Environment.ProcessorCount, cancellationToken))
            {
                root = row.Add(leaf) ?? root;
            }

            roots.Add(root!);
        }

        return roots;
    }

    private static List<BmffBoxHeader> MdatHeaders(Stream stream, CancellationToken cancellationToken)
        => [.. BmffBoxReader.EnumerateTopLevel(stream, cancellationToken).Where(b => b.Type == BmffBoxTypes.Mdat)];
}
