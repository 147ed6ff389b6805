using System.Security.Cryptography;
using Provenance.Hashing;

namespace Provenance.Tests.Hashing;

public class MerkleTreeTests
{
    [Fact]
    public void FromLeaves_FiveLeaves_UnpairedNodesCarriedUp()
    {
        byte[][] leaves = [.. Enumerable.Range(0, 5).Select(i => SHA256.HashData([(byte)i]))];
        static byte[] H(byte[] a, byte[] b) => SHA256.HashData([.. a, .. b]);

        MerkleTree tree = MerkleTree.FromLeaves(leaves, HashAlgorithmName.SHA256);

        // Layers 5 → 3 → 2 → 1; the fifth leaf has no partner and moves up unchanged (c2pa-rs utils/merkle.rs).
        Assert.Equal([5, 3, 2, 1], tree.Layers.Select(l => l.Length));
        byte[] left = H(H(leaves[0], leaves[1]), H(leaves[2], leaves[3]));
        Assert.Equal(H(left, leaves[4]), tree.Root);
    }

    [Fact]
    public void MerkleRowBuilder_EveryRowOfTreesUpTo70Leaves_SameAsWholeTree()
    {
        for (int count = 1; count <= 70; count++)
        {
            byte[][] leaves = [.. Enumerable.Range(0, count).Select(i => SHA256.HashData([(byte)i]))];
            MerkleTree tree = MerkleTree.FromLeaves(leaves, HashAlgorithmName.SHA256);
            foreach (byte[][] layer in tree.Layers)
            {
                MerkleRowBuilder row = MerkleRowBuilder.TryCreate(HashAlgorithmName.SHA256, count, layer.Length)!;
                List<byte[]> nodes = [.. leaves.Select(row.Add).OfType<byte[]>()];

                Assert.Equal(layer, nodes);
            }

            Assert.Null(MerkleRowBuilder.TryCreate(HashAlgorithmName.SHA256, count, count + 1));
        }
    }

    [Fact]
    public void HashLeaves_SmallAndLargeBlocks_SameLeavesAsHashBlocks()
    {
        byte[] data = new byte[(3 * 1024 * 1024) + 123];
        new Random(6).NextBytes(data);
        foreach (long blockSize in new[] { 2L, 1000, 65536, 3 * 1024 * 1024 })
        {
            byte[][] expected = MerkleTree.HashBlocks(new MemoryStream(data), 16, data.Length - 16, blockSize, HashAlgorithmName.SHA256, 1, default);
            byte[][] streamed = [.. MerkleTree.HashLeaves(new ForwardSeekableStream(data), 16, data.Length - 16, blockSize, HashAlgorithmName.SHA256, 2, default)];

            Assert.Equal(expected, streamed);
        }
    }

    [Theory]
    [InlineData(256 * 1024)]
    [InlineData((1024 * 1024) + 1)]
    public void HashLeaves_LargeBlocksReadByEachCore_SameLeavesFromEveryKindOfStream(int blockSize)
    {
        // From 256 KiB on, a stream that reads by position has each block read by the core that hashes it; the leaves
        // must be those of each block, whatever the stream, across batch boundaries (batches of 8 MiB here, as the
        // file's would be 256 MiB) and with a short last block.
        byte[] data = new byte[(20 * 1024 * 1024) + 12_345];
        new Random(9).NextBytes(data);
        string path = Path.Combine(TestPaths.NewTempDirectory(), "blocks.bin");
        File.WriteAllBytes(path, data);
        long length = data.Length - 16;
        byte[][] expected = [.. Enumerable.Range(0, (int)((length + blockSize - 1) / blockSize))
            .Select(i => SHA256.HashData(data.AsSpan(16 + (i * blockSize), (int)Math.Min(blockSize, length - ((long)i * blockSize)))))];

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read);
        foreach (Stream stream in new Stream[] { new MemoryStream(data, 0, data.Length, false, publiclyVisible: true), file, new ForwardSeekableStream(data) })
        {
            byte[][] leaves = [.. MerkleTree.HashLeaves(stream, 16, length, blockSize, HashAlgorithmName.SHA256, 2, default, largeBatchBytes: 8 * 1024 * 1024)];
            Assert.Equal(expected, leaves);
        }
    }

    [Fact]
    public void HashBlocks_ParallelAndSequential_SameLeaves()
    {
        byte[] data = new byte[1_000_003];
        new Random(3).NextBytes(data);

        byte[][] parallel = MerkleTree.HashBlocks(new MemoryStream(data), 16, data.Length - 16, 65536, HashAlgorithmName.SHA256, 4, default);
        byte[][] sequential = MerkleTree.HashBlocks(new ForwardSeekableStream(data), 16, data.Length - 16, 65536, HashAlgorithmName.SHA256, 1, default);

        Assert.Equal(16, parallel.Length);
        Assert.Equal(SHA256.HashData(data.AsSpan(16, 65536)), parallel[0]);
        Assert.Equal(SHA256.HashData(data.AsSpan(16 + (15 * 65536))), parallel[^1]);
        Assert.Equal(parallel, sequential);
    }

    [Fact]
    public void HashBlocks_TooManyLeaves_FormatError()
        => Assert.Throws<ProvenanceFormatException>(() => MerkleTree.HashBlocks(new MemoryStream(new byte[10]), 0, long.MaxValue / 2, 2, HashAlgorithmName.SHA256, 1, default));

    /// <summary>A stream without positional access, so blocks are read one at a time.</summary>
    private sealed class ForwardSeekableStream(byte[] data) : Stream
    {
        private readonly MemoryStream _inner = new(data);

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => _inner.Length;

        public override long Position { get => _inner.Position; set => _inner.Position = value; }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
