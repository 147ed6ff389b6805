using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Provenance.Hashing;

namespace Provenance.Benchmarks;

/// <summary>The hashing core against .NET's own one-shot SHA-256 over the same 256 MiB in memory.</summary>
[MemoryDiagnoser]
public class HashingBenchmarks
{
    private byte[] _data = [];

    [Params(256 * 1024 * 1024)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = new byte[Size];
        new Random(42).NextBytes(_data);
    }

    [Benchmark(Baseline = true)]
    public byte[] DotNetSha256() => SHA256.HashData(_data);

    [Benchmark]
    public Task<byte[]> StreamHasherNoExclusions() => StreamHasher.HashAsync(new MemoryStream(_data, false), HashAlgorithmName.SHA256, []);

    [Benchmark]
    public Task<byte[]> StreamHasherWithExclusion() => StreamHasher.HashAsync(new MemoryStream(_data, false), HashAlgorithmName.SHA256, [new ExclusionRange(4096, 65536)]);
}
