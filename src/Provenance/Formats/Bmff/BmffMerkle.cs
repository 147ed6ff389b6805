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
        => [.. BmffBoxReader.ReadTopLevel(stream, AssetReadOptions.Default.MaxBoxDepth, cancellationToken).Where(b => b.Type.ToString() == "mdat").Select(b => b.Size)];

    /// <summary>The leaf hashes of every top-level mdat, hashed on all cores.</summary>
    public static List<byte[][]> MdatLeaves(Stream stream, long blockSize, HashAlgorithmName algorithm, CancellationToken cancellationToken)
    {
        var leaves = new List<byte[][]>();
        foreach (BmffBox mdat in BmffBoxReader.ReadTopLevel(stream, AssetReadOptions.Default.MaxBoxDepth, cancellationToken).Where(b => b.Type.ToString() == "mdat"))
        {
            long start = mdat.Offset + MdatHeadLength;
            long length = Math.Max(0, mdat.Size - MdatHeadLength);
            leaves.Add(MerkleTree.HashBlocks(stream, start, length, blockSize, algorithm, Environment.ProcessorCount, cancellationToken));
        }

        return leaves;
    }
}
