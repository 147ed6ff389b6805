using System.Security.Cryptography;
using Provenance.Assertions;
using Provenance.Cbor;
using Provenance.Formats;
using Provenance.Hashing;

namespace Provenance.Validation;

/// <summary>
/// Verifies the Merkle maps of a fragmented asset (C2PA 2.2 §A.5.4, §18.6.6, as c2pa-rs checks them): the init segment
/// against <c>initHash</c>, and a media segment's leaf hash, carried up the tree with the proof in its Merkle box, against
/// the stored row.
/// </summary>
internal static class FragmentMerkleVerifier
{
    public static async Task<string?> VerifyAsync(IBmffHashHandler bmff, Stream init, Stream? fragment, BmffHashAssertion assertion, HashAlgorithmName defaultAlgorithm, AssetReadOptions limits, CancellationToken cancellationToken)
    {
        foreach (BmffMerkleMap map in assertion.Merkle.Where(m => m.InitHash is not null))
        {
            HashAlgorithmName algorithm = Algorithm(map, defaultAlgorithm);
            byte[] initHash = await bmff.HashAsync(init, algorithm, assertion.Exclusions, hashBoxOffsets: true, limits, null, cancellationToken).ConfigureAwait(false);
            if (!initHash.AsSpan().SequenceEqual(map.InitHash))
            {
                return "the init segment does not match its initHash";
            }
        }

        if (fragment is null)
        {
            return null;
        }

        // Each Merkle box is checked as it is found; the segment's leaf hash is the same for every box of one algorithm.
        var leaves = new Dictionary<HashAlgorithmName, byte[]>();
        int checkedBoxes = 0;
        foreach (byte[] cbor in bmff.ReadMerkleBoxes(fragment, limits, cancellationToken))
        {
            CborMap entry = CborValue.Decode(cbor).AsMap();
            checkedBoxes++;
            long uniqueId = entry.GetValueOrDefault("uniqueId")?.AsInt64() ?? -1;
            long localId = entry.GetValueOrDefault("localId")?.AsInt64() ?? -1;
            long location = entry.GetValueOrDefault("location")?.AsInt64() ?? -1;
            BmffMerkleMap? map = assertion.Merkle.FirstOrDefault(m => m.UniqueId == uniqueId && m.LocalId == localId);
            if (map is null)
            {
                return $"no Merkle map for uniqueId {uniqueId}, localId {localId}";
            }

            HashAlgorithmName algorithm = Algorithm(map, defaultAlgorithm);
            if (!leaves.TryGetValue(algorithm, out byte[]? leaf))
            {
                leaf = await bmff.HashAsync(fragment, algorithm, assertion.Exclusions, hashBoxOffsets: true, limits, null, cancellationToken).ConfigureAwait(false);
                leaves[algorithm] = leaf;
            }

            IReadOnlyList<byte[]> proof = entry.GetValueOrDefault("hashes") is CborArray hashes ? [.. hashes.Select(h => h.AsBytes().ToArray())] : [];
            if (!Check(map, algorithm, leaf, location, proof))
            {
                return $"media segment {location} does not match the Merkle tree";
            }
        }

        return checkedBoxes == 0 ? "the media segment has no C2PA Merkle box" : null;
    }

    /// <summary>Walks from the leaf up to the stored row, using the proof's siblings where a node has one.</summary>
    private static bool Check(BmffMerkleMap map, HashAlgorithmName algorithm, byte[] leaf, long location, IReadOnlyList<byte[]> proof)
    {
        if (location < 0 || location >= map.Count)
        {
            return false;
        }

        long index = location;
        byte[] hash = leaf;
        int used = 0;
        for (long layer = map.Count; ; layer = (layer + 1) / 2)
        {
            if (layer == map.Hashes.Count)
            {
                break;
            }

            if (layer <= 1)
            {
                return false;
            }

            bool isRight = index % 2 == 1;
            bool hasSibling = isRight || index + 1 < layer;
            if (hasSibling)
            {
                if (used >= proof.Count)
                {
                    return false;
                }

                hash = isRight
                    ? C2paHashAlgorithms.HashData(algorithm, [.. proof[used], .. hash])
                    : C2paHashAlgorithms.HashData(algorithm, [.. hash, .. proof[used]]);
                used++;
            }

            index /= 2;
        }

        return index < map.Hashes.Count && map.Hashes[(int)index].AsSpan().SequenceEqual(hash);
    }

    private static HashAlgorithmName Algorithm(BmffMerkleMap map, HashAlgorithmName fallback)
        => map.Algorithm is not null && C2paHashAlgorithms.TryParse(map.Algorithm, out HashAlgorithmName own) ? own : fallback;
}
