using System.Security.Cryptography;
using Provenance.Assertions;
using Provenance.Formats;
using Provenance.Formats.Bmff;
using Provenance.Hashing;

namespace Provenance.Validation;

/// <summary>
/// Verifies the Merkle trees of a BMFF hash over non-fragmented <c>mdat</c> boxes (C2PA 2.2 §18.6.6): one tree per
/// mdat, in file order; leaves are the payload after the first 16 bytes, in fixed or variable blocks; the stored row must
/// equal the same row of the recomputed tree. Leaves are hashed on all cores.
/// </summary>
internal static class BmffMerkleVerifier
{
    /// <summary>Null when every tree matches; otherwise what is wrong ("not supported …" for fragmented trees).</summary>
    public static string? Verify(Stream asset, BmffHashAssertion assertion, HashAlgorithmName defaultAlgorithm, CancellationToken cancellationToken)
    {
        List<BmffBox> boxes = BmffBoxReader.ReadTopLevel(asset, AssetReadOptions.Default.MaxBoxDepth, cancellationToken);
        if (boxes.Any(b => b.Type.ToString() == "moof"))
        {
            return "not supported yet: Merkle trees over the fragments of a single file";
        }

        List<BmffBox> mdats = [.. boxes.Where(b => b.Type.ToString() == "mdat")];
        if (mdats.Count != assertion.Merkle.Count)
        {
            return $"{assertion.Merkle.Count} Merkle maps for {mdats.Count} mdat boxes";
        }

        for (int i = 0; i < mdats.Count; i++)
        {
            BmffMerkleMap map = assertion.Merkle[i];
            HashAlgorithmName algorithm = map.Algorithm is null ? defaultAlgorithm
                : C2paHashAlgorithms.TryParse(map.Algorithm, out HashAlgorithmName own) ? own
                : default;
            if (algorithm == default)
            {
                return $"Merkle map {i} names an unsupported algorithm {map.Algorithm}";
            }

            long start = mdats[i].Offset + BmffMerkle.MdatHeadLength;
            long length = Math.Max(0, mdats[i].Size - BmffMerkle.MdatHeadLength);
            byte[][] leaves;
            if (map.FixedBlockSize is long blockSize)
            {
                if (blockSize <= 1 || map.VariableBlockSizes is not null)
                {
                    return $"Merkle map {i} has an invalid block size";
                }

                leaves = MerkleTree.HashBlocks(asset, start, length, blockSize, algorithm, Environment.ProcessorCount, cancellationToken);
            }
            else if (map.VariableBlockSizes is { } sizes)
            {
                if (sizes.Any(s => s <= 0) || sizes.Sum() != length)
                {
                    return $"Merkle map {i}'s block sizes do not add up to its mdat";
                }

                var list = new List<byte[]>();
                long offset = start;
                foreach (long size in sizes)
                {
                    list.AddRange(MerkleTree.HashBlocks(asset, offset, size, Math.Max(2, size), algorithm, 1, cancellationToken));
                    offset += size;
                }

                leaves = [.. list];
            }
            else
            {
                leaves = MerkleTree.HashBlocks(asset, start, length, Math.Max(2, length), algorithm, 1, cancellationToken);
            }

            if (leaves.Length != map.Count)
            {
                return $"Merkle map {i} counts {map.Count} leaves, the mdat has {leaves.Length}";
            }

            MerkleTree tree = MerkleTree.FromLeaves(leaves, algorithm);
            byte[][]? row = tree.Layers.FirstOrDefault(layer => layer.Length == map.Hashes.Count);
            if (row is null || !row.Zip(map.Hashes).All(pair => pair.First.AsSpan().SequenceEqual(pair.Second)))
            {
                return $"the Merkle tree of mdat {i} does not match";
            }
        }

        return null;
    }
}
