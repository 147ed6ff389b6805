using BenchmarkDotNet.Running;
using Provenance;
using Provenance.Cryptography;

// dotnet run -c Release --project benchmarks/Provenance.Benchmarks -- --filter '*'
// dotnet run -c Release --project benchmarks/Provenance.Benchmarks -- sign-merkle <input.mp4> <output.mp4> <block-bytes>
//   signs with the development certificate and Merkle trees of blocks of any size, down to the 2 bytes a hostile
//   signer could choose (the CLI's --merkle takes whole KiB); benchmarks/hostile-input.sh uses it.
if (args is ["sign-merkle", string input, string output, string blockBytes])
{
    using LocalSigner signer = DevelopmentCertificates.EnsureCreated().CreateSigner();
    // Hostile files on purpose: our own verifier would refuse them after signing.
    var options = new SigningOptions { Thumbnails = null, VerifyAfterSign = false, MerkleBlockSize = long.Parse(blockBytes, System.Globalization.CultureInfo.InvariantCulture) };
    await new ManifestBuilder { Title = Path.GetFileName(input) }.SignFileAsync(input, output, signer, options);
    return;
}

// dotnet benchmarks/Provenance.Benchmarks/bin/Release/net10.0/Provenance.Benchmarks.dll thumbnail-batch <count>
//   batch labelling of 512×512 JPEGs with a thumbnail each: ffmpeg per image (before) against Skia in process (after).
if (args is ["thumbnail-batch", string batchCount])
{
    await Provenance.Benchmarks.ThumbnailBatch.RunAsync(int.Parse(batchCount, System.Globalization.CultureInfo.InvariantCulture));
    return;
}

// dotnet benchmarks/Provenance.Benchmarks/bin/Release/net10.0/Provenance.Benchmarks.dll bulk <count> <parallelism>
//   images in bulk (issue 12): 512×512 JPEGs and PNGs signed memory to memory in parallel, then a 10 MB JPEG.
if (args is ["bulk", string bulkCount, string parallelism])
{
    await Provenance.Benchmarks.BulkImages.RunAsync(int.Parse(bulkCount, System.Globalization.CultureInfo.InvariantCulture), int.Parse(parallelism, System.Globalization.CultureInfo.InvariantCulture));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Provenance.Benchmarks.HashingBenchmarks).Assembly).Run(args);
