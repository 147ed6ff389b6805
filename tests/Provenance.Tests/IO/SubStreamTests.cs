using System.Security.Cryptography;
using Provenance.IO;

namespace Provenance.Tests.IO;

/// <summary>The concurrent view of an asset window (<see cref="SubStream.TryCreateConcurrentView"/>), which the early content hash reads.</summary>
public class SubStreamTests
{
    [Fact]
    public async Task ConcurrentView_ReadOnAnotherThread_SameBytes_OwnPosition_SameBudget()
    {
        byte[] data = new byte[3_000_000];
        new Random(8).NextBytes(data);
        string path = Path.Combine(TestPaths.NewTempDirectory(), "data.bin");
        File.WriteAllBytes(path, data);
        await using FileStream file = File.OpenRead(path);
        var budget = new ReadBudget(10_000_000);
        using var window = new SubStream(file, 100, budget: budget);
        SubStream? view = window.TryCreateConcurrentView();
        Assert.NotNull(view);
        using (view)
        {
            // One thread hashes the whole view while this one reads the window in small pieces from elsewhere.
            Task<byte[]> viewHash = Task.Run(() => SHA256.HashData(view));
            byte[] piece = new byte[1000];
            for (int i = 0; i < 500; i++)
            {
                window.Position = 1_000_000 + (i * 1000);
                window.ReadExactly(piece);
                Assert.Equal(data.AsSpan(100 + 1_000_000 + (i * 1000), 1000).ToArray(), piece);
            }

            Assert.Equal(SHA256.HashData(data.AsSpan(100)), await viewHash);
            Assert.Equal(1_500_000, window.Position);
            Assert.Equal(view.Length, view.Position);
            Assert.Equal(data.Length - 100 + 500_000, budget.BytesRead);
        }
    }

    [Fact]
    public void ConcurrentView_StreamWithoutPositionalReads_Null()
    {
        byte[] data = new byte[1000];

        Assert.Null(new SubStream(new MemoryStream(data, writable: false), 0).TryCreateConcurrentView());
        Assert.NotNull(new SubStream(new MemoryStream(data, 0, data.Length, writable: false, publiclyVisible: true), 0).TryCreateConcurrentView());
    }
}
