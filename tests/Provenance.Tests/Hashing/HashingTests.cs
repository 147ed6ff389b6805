using System.Security.Cryptography;
using Provenance.Hashing;

namespace Provenance.Tests.Hashing;

public class HashingTests
{
    [Fact]
    public async Task StreamHasher_RandomExclusions_EqualsShaOfIncludedBytes()
    {
        var random = new Random(1815);
        byte[] data = new byte[(3 * StreamHasher.BlockSize) + 12345]; // spans several read blocks
        random.NextBytes(data);
        for (int round = 0; round < 20; round++)
        {
            List<ExclusionRange> exclusions = RandomExclusions(random, data.Length);
            byte[] expected = SHA256.HashData(Included(data, exclusions));

            byte[] streamed = await StreamHasher.HashAsync(new MemoryStream(data), HashAlgorithmName.SHA256, exclusions);
            using var incremental = new ExclusionHasher(HashAlgorithmName.SHA256, exclusions);
            for (int offset = 0; offset < data.Length; offset += 7919)
            {
                incremental.Append(data.AsSpan(offset, Math.Min(7919, data.Length - offset)));
            }

            Assert.Equal(expected, streamed);
            Assert.Equal(expected, incremental.GetHashAndReset());
        }
    }

    [Fact]
    public async Task HashSegments_LiteralsBetweenRanges_HashedInOrder()
    {
        byte[] data = [.. Enumerable.Range(0, 100).Select(i => (byte)i)];
        byte[] marker = [0xAA, 0xBB];

        byte[] actual = await StreamHasher.HashSegmentsAsync(new MemoryStream(data), HashAlgorithmName.SHA384, [HashSegment.Bytes(marker), HashSegment.Range(10, 20), HashSegment.Bytes(marker), HashSegment.Range(50, 5)]);

        Assert.Equal(SHA384.HashData([.. marker, .. data[10..30], .. marker, .. data[50..55]]), actual);
    }

    [Fact]
    public async Task HashSegments_BuffersSizedByTheLargestRange_WhereverItIs()
    {
        // The read buffers are as large as the largest range, not the first one, nor 4 MiB for a small asset.
        byte[] data = new byte[(StreamHasher.BlockSize / 2) + 777];
        new Random(7).NextBytes(data);
        byte[] marker = [0x01, 0x02, 0x03];

        byte[] mixed = await StreamHasher.HashSegmentsAsync(new MemoryStream(data), HashAlgorithmName.SHA256, [HashSegment.Range(0, 10), HashSegment.Bytes(marker), HashSegment.Range(100, data.Length - 200), HashSegment.Range(data.Length - 3, 3)]);
        byte[] literalsOnly = await StreamHasher.HashSegmentsAsync(new MemoryStream(data), HashAlgorithmName.SHA256, [HashSegment.Bytes(marker)]);

        Assert.Equal(SHA256.HashData([.. data[..10], .. marker, .. data[100..^100], .. data[^3..]]), mixed);
        Assert.Equal(SHA256.HashData(marker), literalsOnly);
    }

    [Fact]
    public async Task StreamHasher_ReportsProgressAndHonoursCancellation()
    {
        byte[] data = new byte[StreamHasher.BlockSize * 2];
        var reports = new List<long>();
        await StreamHasher.HashAsync(new MemoryStream(data), HashAlgorithmName.SHA256, [], new SynchronousProgress(reports.Add));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        Assert.Equal(data.Length, reports[^1]);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => StreamHasher.HashAsync(new MemoryStream(data), HashAlgorithmName.SHA256, [], null, cancelled.Token));
    }

    [Theory]
    [InlineData(10, 5, 12, 5)] // overlap
    [InlineData(20, 5, 10, 5)] // out of order
    [InlineData(-1, 5, 10, 5)] // negative
    public void ExclusionHasher_BadRanges_ArgumentException(long s1, long l1, long s2, long l2)
        => Assert.Throws<ArgumentException>(() => new ExclusionHasher(HashAlgorithmName.SHA256, [new(s1, l1), new(s2, l2)]));

    private static List<ExclusionRange> RandomExclusions(Random random, int length)
    {
        var ranges = new List<ExclusionRange>();
        long position = 0;
        while (ranges.Count < random.Next(0, 6))
        {
            long start = position + random.Next(0, length / 8);
            long size = random.Next(0, length / 10);
            if (start + size > length)
            {
                break;
            }

            ranges.Add(new ExclusionRange(start, size));
            position = start + size;
        }

        return ranges;
    }

    private static byte[] Included(byte[] data, List<ExclusionRange> exclusions)
    {
        var included = new List<byte>();
        long position = 0;
        foreach (ExclusionRange range in exclusions)
        {
            included.AddRange(data[(int)position..(int)range.Start]);
            position = range.End;
        }

        included.AddRange(data[(int)position..]);
        return [.. included];
    }

    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
