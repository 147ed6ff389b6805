using System.Security.Cryptography;
using Provenance.Assertions;
using Provenance.Formats;
using Provenance.Hashing;

namespace Provenance.Validation;

/// <summary>
/// Verifies the Merkle trees of a BMFF hash over non-fragmented <c>mdat</c> boxes (C2PA 2.2 §18.6.6): one tree per
/// mdat, in file order; leaves are the payload after the first 16 bytes, in fixed or variable blocks; the stored row must
/// equal the same row of the recomputed tree. Every map is checked against its mdat and the read limits before anything
/// is hashed; then leaves are hashed on all cores and folded into the row as they come, never all held at once.
/// </summary>
internal static class BmffMerkleVerifier
{
    /// <summary>Null when every tree matches; otherwise the status code and what is wrong.</summary>
    public static (string Code, string Explanation)? Verify(IBmffHashHandler bmff, Stream asset, BmffHashAssertion assertion, HashAlgorithmName defaultAlgorithm, AssetReadOptions limits, CancellationToken cancellationToken)
    {
        // One pass over the headers: the mdat boxes (no more than there are maps), and no fragments.
        MediaDataLayout layout = bmff.ReadMediaData(asset, assertion.Merkle.Count, limits, cancellationToken);
        if (layout.HasFragments)
        {
            return Malformed("not supported yet: Merkle trees over the fragments of a single file");
        }

        if (layout.Count != assertion.Merkle.Count)
        {
            return Mismatch($"{assertion.Merkle.Count} Merkle maps for {layout.Count} mdat boxes");
        }

        IReadOnlyList<MediaDataBox> mdats = layout.Kept;

        var plans = new List<Plan>(mdats.Count);
        for (int i = 0; i < mdats.Count; i++)
        {
            (Plan? plan, (string, string)? problem) = Check(i, mdats[i], assertion.Merkle[i], defaultAlgorithm, limits);
            if (problem is not null)
            {
                return problem;
            }

            plans.Add(plan!);
        }

        foreach (Plan plan in plans)
        {
            int node = 0;
            foreach (byte[] leaf in Leaves(asset, plan, cancellationToken))
            {
                if (plan.Row.Add(leaf) is { } hash && !hash.AsSpan().SequenceEqual(plan.Map.Hashes[node++]))
                {
                    return Mismatch($"the Merkle tree of mdat {plan.Index} (at offset {plan.Start - MediaDataBox.HeadLength}) does not match at node {node - 1} of its stored row");
                }
            }
        }

        return null;
    }

    /// <summary>Everything about one map that can be known without hashing: its algorithm, leaves, limits and row.</summary>
    private static (Plan? Plan, (string Code, string Explanation)? Problem) Check(int index, MediaDataBox mdat, BmffMerkleMap map, HashAlgorithmName defaultAlgorithm, AssetReadOptions limits)
    {
        HashAlgorithmName algorithm = map.Algorithm is null ? defaultAlgorithm
            : C2paHashAlgorithms.TryParse(map.Algorithm, out HashAlgorithmName own) ? own
            : default;
        if (algorithm == default)
        {
            return (null, Mismatch($"Merkle map {index} names an unsupported algorithm {map.Algorithm}"));
        }

        long start = mdat.LeavesStart;
        long length = mdat.LeavesLength;
        long leaves;
        if (map.FixedBlockSize is long blockSize)
        {
            if (blockSize <= 1 || map.VariableBlockSizes is not null)
            {
                return (null, Malformed($"Merkle map {index} has an invalid block size"));
            }

            leaves = mdat.LeafCount(blockSize);
            if (leaves > 1 && blockSize < limits.MinMerkleBlockSize)
            {
                return (null, Malformed($"Merkle map {index} splits mdat {index} ({length} bytes) into blocks of {blockSize} bytes, below the {limits.MinMerkleBlockSize}-byte minimum (AssetReadOptions.MinMerkleBlockSize)"));
            }
        }
        else if (map.VariableBlockSizes is { } sizes)
        {
            long total = 0;
            foreach (long size in sizes)
            {
                // Compared as it is added: hostile sizes must neither overflow nor run on past the mdat.
                total = size <= 0 || total > length ? -1 : total + size;
            }

            if (total != length)
            {
                return (null, Mismatch($"Merkle map {index}'s block sizes do not add up to its mdat"));
            }

            leaves = sizes.Count;
        }
        else
        {
            leaves = 1;
        }

        if (leaves > limits.MaxMerkleLeaves)
        {
            return (null, Malformed($"Merkle map {index} has {leaves} leaves, over the limit of {limits.MaxMerkleLeaves} (AssetReadOptions.MaxMerkleLeaves)"));
        }

        if (leaves != map.Count)
        {
            return (null, Mismatch($"Merkle map {index} counts {map.Count} leaves, the mdat has {leaves}"));
        }

        if (MerkleRowBuilder.TryCreate(algorithm, leaves, map.Hashes.Count) is not { } row)
        {
            return (null, Mismatch($"Merkle map {index} stores {map.Hashes.Count} hashes, which is no row of a tree of {leaves} leaves"));
        }

        return (new Plan(index, map, algorithm, start, length, row), null);
    }

    private static IEnumerable<byte[]> Leaves(Stream asset, Plan plan, CancellationToken cancellationToken)
    {
        if (plan.Map.FixedBlockSize is long blockSize)
        {
            return MerkleTree.HashLeaves(asset, plan.Start, plan.Length, blockSize, plan.Algorithm, Environment.ProcessorCount, cancellationToken);
        }

        if (plan.Map.VariableBlockSizes is { } sizes)
        {
            return VariableLeaves(asset, plan, sizes, cancellationToken);
        }

        return MerkleTree.HashLeaves(asset, plan.Start, plan.Length, Math.Max(1, plan.Length), plan.Algorithm, 1, cancellationToken);
    }

    private static IEnumerable<byte[]> VariableLeaves(Stream asset, Plan plan, IReadOnlyList<long> sizes, CancellationToken cancellationToken)
    {
        long offset = plan.Start;
        foreach (long size in sizes)
        {
            foreach (byte[] leaf in MerkleTree.HashLeaves(asset, offset, size, size, plan.Algorithm, 1, cancellationToken))
            {
                yield return leaf;
            }

            offset += size;
        }
    }

    private static (string, string) Malformed(string explanation) => (StatusCodes.AssertionBmffHashMalformed, explanation);

    private static (string, string) Mismatch(string explanation) => (StatusCodes.AssertionBmffHashMismatch, explanation);

    private sealed record Plan(int Index, BmffMerkleMap Map, HashAlgorithmName Algorithm, long Start, long Length, MerkleRowBuilder Row);
}
