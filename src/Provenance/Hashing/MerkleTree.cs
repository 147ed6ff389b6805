using System.Security.Cryptography;

namespace Provenance.Hashing;

/// <summary>
/// A C2PA Merkle tree (C2PA 2.2 §18.6.6, as c2pa-rs builds it): a parent is H(left ‖ right); an unpaired last node is
/// carried up unchanged. Layer 0 holds the leaves; the last layer holds the root.
/// </summary>
internal sealed class MerkleTree
{
    private MerkleTree(List<byte[][]> layers) => Layers = layers;

    /// <summary>The layers, leaves first.</summary>
    public IReadOnlyList<byte[][]> Layers { get; }

    /// <summary>The root.</summary>
    public byte[] Root => Layers[^1][0];

    /// <summary>Builds the tree over leaf hashes (at least one).</summary>
    public static MerkleTree FromLeaves(IReadOnlyList<byte[]> leaves, HashAlgorithmName algorithm)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        if (leaves.Count == 0)
        {
            throw new ArgumentException("A Merkle tree needs at least one leaf.", nameof(leaves));
        }

        var layers = new List<byte[][]>();
        layers.Add([.. leaves]);
        while (layers[^1].Length > 1)
        {
            byte[][] current = layers[^1];
            byte[][] parents = new byte[(current.Length + 1) / 2][];
            for (int i = 0; i < parents.Length; i++)
            {
                parents[i] = 2 * i + 1 < current.Length
                    ? C2paHashAlgorithms.HashData(algorithm, [.. current[2 * i], .. current[(2 * i) + 1]])
                    : current[2 * i];
            }

            layers.Add(parents);
        }

        return new MerkleTree(layers);
    }

    /// <summary>
    /// Most leaves <see cref="HashBlocks"/> returns at once, and the default of <c>AssetReadOptions.MaxMerkleLeaves</c>
    /// (c2pa-rs has a similar check).
    /// </summary>
    public const long MaxLeaves = 16 * 1024 * 1024;

    /// <summary>
    /// Hashes fixed-size blocks of a stream range as leaves, on all cores when the stream allows positional reads
    /// (a file or memory). Each block is hashed in slices of at most 4 MiB, so memory does not depend on the block size.
    /// </summary>
    /// <exception cref="ProvenanceFormatException">More than <see cref="MaxLeaves"/> leaves, or the stream ends early.</exception>
    public static byte[][] HashBlocks(Stream stream, long start, long length, long blockSize, HashAlgorithmName algorithm, int maxDegreeOfParallelism, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 2);
        long count = Math.Max(1, (length + blockSize - 1) / blockSize);
        if (count > MaxLeaves)
        {
            throw new ProvenanceFormatException(FormatLayer.Bmff, start, $"a Merkle tree of {count} leaves is over the limit of {MaxLeaves}");
        }

        byte[][] leaves = new byte[count][];
        Func<long, Span<byte>, int>? read = PositionalReader(stream);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = read is null ? 1 : maxDegreeOfParallelism, CancellationToken = cancellationToken };
        object gate = new();
        int sliceSize = (int)Math.Min(blockSize, 4 * 1024 * 1024);
        Parallel.For(0L, count, parallel, () => System.Buffers.ArrayPool<byte>.Shared.Rent(sliceSize), (i, _, buffer) =>
        {
            using var hash = IncrementalHash.CreateHash(algorithm);
            long offset = start + (i * blockSize);
            long end = Math.Min(offset + blockSize, start + length);
            while (offset < end)
            {
                Span<byte> slice = buffer.AsSpan(0, (int)Math.Min(buffer.Length, end - offset));
                if (read is not null)
                {
                    int done = 0;
                    while (done < slice.Length)
                    {
                        int n = read(offset + done, slice[done..]);
                        done += n > 0 ? n : throw new ProvenanceFormatException(FormatLayer.Io, offset + done, "the stream ended inside a Merkle block");
                    }
                }
                else
                {
                    lock (gate)
                    {
                        stream.Position = offset;
                        stream.ReadExactly(slice);
                    }
                }

                hash.AppendData(slice);
                offset += slice.Length;
            }

            leaves[i] = hash.GetHashAndReset();
            return buffer;
        }, buffer => System.Buffers.ArrayPool<byte>.Shared.Return(buffer));
        return leaves;
    }

    /// <summary>Bytes of small blocks read and hashed together.</summary>
    private const int BatchBytes = 8 * 1024 * 1024;

    /// <summary>Blocks from this size on are each read by the core that hashes them, when the stream reads by position.</summary>
    private const long ReadPerBlockFrom = 256 * 1024;

    /// <summary>
    /// Bytes of large blocks hashed between two waits for the slowest core. Each batch ends with one core idle while the
    /// other finishes its block, and holds nothing but its leaves (32 bytes each), so fewer are faster at no cost in memory:
    /// at 64 MiB, verifying 0.41 GB of 1 MiB blocks took 3 % longer than at 256 MiB (benchmarks/RESULTS.md).
    /// </summary>
    internal const long LargeBatchBytes = 256 * 1024 * 1024;

    /// <summary>
    /// The leaf hashes of fixed-size blocks of a stream range, in order, computed a batch at a time: small blocks are read
    /// together (8 MiB) and hashed from memory on all cores; large ones as in <see cref="HashBlocks"/>, each read by the
    /// core that hashes it (so reading is spread over the cores and overlaps hashing), in batches of
    /// <paramref name="largeBatchBytes"/> (<see cref="LargeBatchBytes"/>) or a block per core.
    /// Memory is one batch of small blocks, or a slice per core, whatever the number of leaves.
    /// </summary>
    /// <exception cref="ProvenanceFormatException">The stream ends early.</exception>
    internal static IEnumerable<byte[]> HashLeaves(Stream stream, long start, long length, long blockSize, HashAlgorithmName algorithm, int maxDegreeOfParallelism, CancellationToken cancellationToken, long largeBatchBytes = LargeBatchBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        long count = Math.Max(1, (length + blockSize - 1) / blockSize);
        long perBatch = Math.Clamp(BatchBytes / blockSize, 1, 64 * 1024); // leaves held per batch
        Func<long, Span<byte>, int>? read = PositionalReader(stream);
        bool large = perBatch < Math.Max(2, maxDegreeOfParallelism) || (read is not null && blockSize >= ReadPerBlockFrom);
        if (large)
        {
            perBatch = Math.Max(Math.Max(1, maxDegreeOfParallelism), largeBatchBytes / blockSize);
        }

        for (long first = 0; first < count; first += perBatch)
        {
            long n = Math.Min(perBatch, count - first);
            long batchStart = start + (first * blockSize);
            long batchLength = Math.Min(length - (first * blockSize), n * blockSize);
            byte[][] leaves = large
                ? HashBlocks(stream, batchStart, batchLength, blockSize, algorithm, maxDegreeOfParallelism, cancellationToken)
                : HashFromMemory(stream, read, batchStart, (int)batchLength, (int)blockSize, (int)n, algorithm, maxDegreeOfParallelism, cancellationToken);
            foreach (byte[] leaf in leaves)
            {
                yield return leaf;
            }
        }
    }

    private static byte[][] HashFromMemory(Stream stream, Func<long, Span<byte>, int>? read, long start, int length, int blockSize, int count, HashAlgorithmName algorithm, int maxDegreeOfParallelism, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(Math.Max(1, length));
        try
        {
            int got;
            if (read is not null)
            {
                got = Provenance.IO.PositionalReads.ReadFully(read, start, buffer.AsSpan(0, length));
            }
            else
            {
                stream.Position = start;
                got = stream.ReadAtLeast(buffer.AsSpan(0, length), length, throwOnEndOfStream: false);
            }

            if (got < length)
            {
                throw new ProvenanceFormatException(FormatLayer.Io, start + got, "the stream ended inside a Merkle block");
            }

            byte[][] leaves = new byte[count][];
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxDegreeOfParallelism), CancellationToken = cancellationToken };
            Parallel.For(0, count, parallel, i =>
            {
                int offset = i * blockSize;
                leaves[i] = C2paHashAlgorithms.HashData(algorithm, buffer.AsSpan(offset, Math.Min(blockSize, length - offset)));
            });
            return leaves;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static Func<long, Span<byte>, int>? PositionalReader(Stream stream) => Provenance.IO.PositionalReads.TryCreate(stream);
}
