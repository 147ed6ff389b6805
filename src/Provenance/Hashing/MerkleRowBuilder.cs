using System.Security.Cryptography;

namespace Provenance.Hashing;

/// <summary>
/// Folds leaf hashes, given in order, into the nodes of one row of a C2PA Merkle tree (C2PA 2.2 §18.6.6, built as
/// <see cref="MerkleTree"/> builds it), keeping at most one pending hash per level: verifying a tree of millions of
/// leaves never holds them all. Node <c>j</c> of the row whose nodes each cover <c>2^d</c> leaves is the tree over leaves
/// <c>j·2^d</c> onwards, because pairs are always formed from the left and a lone last node is carried up unchanged.
/// </summary>
internal sealed class MerkleRowBuilder
{
    private readonly HashAlgorithmName _algorithm;
    private readonly long _leafCount;
    private readonly long _leavesPerNode;
    private readonly List<(byte[] Hash, int Level)> _pending = [];
    private long _leaves;

    private MerkleRowBuilder(HashAlgorithmName algorithm, long leafCount, long leavesPerNode)
    {
        _algorithm = algorithm;
        _leafCount = leafCount;
        _leavesPerNode = leavesPerNode;
    }

    /// <summary>
    /// A builder for the row of <paramref name="rowLength"/> nodes of the tree over <paramref name="leafCount"/> leaves,
    /// or null when no row of that tree has that length.
    /// </summary>
    public static MerkleRowBuilder? TryCreate(HashAlgorithmName algorithm, long leafCount, long rowLength)
    {
        long width = leafCount;
        long leavesPerNode = 1;
        while (width > rowLength && width > 1)
        {
            width = (width + 1) / 2;
            leavesPerNode *= 2;
        }

        return leafCount >= 1 && width == rowLength ? new MerkleRowBuilder(algorithm, leafCount, leavesPerNode) : null;
    }

    /// <summary>Adds the next leaf; returns the row node it completes, or null.</summary>
    public byte[]? Add(byte[] leaf)
    {
        _leaves++;
        byte[] hash = leaf;
        int level = 0;
        while (_pending.Count > 0 && _pending[^1].Level == level)
        {
            hash = C2paHashAlgorithms.HashData(_algorithm, [.. _pending[^1].Hash, .. hash]);
            _pending.RemoveAt(_pending.Count - 1);
            level++;
        }

        _pending.Add((hash, level));
        if (_leaves % _leavesPerNode != 0 && _leaves != _leafCount)
        {
            return null;
        }

        // A short last group: each lone node was carried up, then paired with the complete subtree on its left.
        byte[] node = _pending[^1].Hash;
        for (int i = _pending.Count - 2; i >= 0; i--)
        {
            node = C2paHashAlgorithms.HashData(_algorithm, [.. _pending[i].Hash, .. node]);
        }

        _pending.Clear();
        return node;
    }
}
