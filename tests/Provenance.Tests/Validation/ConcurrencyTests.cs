using System.Collections.Concurrent;
using Provenance.Cryptography;
using Provenance.Validation;

namespace Provenance.Tests.Validation;

/// <summary>
/// The verifier and the signer are safe from many threads (issue 11, item 5; the thread-safety remarks of
/// <see cref="ManifestVerifier"/> and <see cref="ManifestBuilder"/>): a thousand mixed files verified on eight threads
/// give exactly the reports one thread gives, compared as canonical JSON.
/// </summary>
public class ConcurrencyTests
{
    private const int FileCount = 1000;

    private static readonly string[] Inputs = ["no_manifest.jpg", "sample1.png", "formats/test.webp", "formats/sample1.svg", "formats/sample1.avif"];

    [Fact]
    public async Task Verify_ThousandMixedFilesOnEightThreads_ReportsEqualSingleThreaded()
    {
        byte[][] files = await MakeFilesAsync();
        var options = new VerificationOptions { TrustAnchors = TestSigners.Anchors, TimeProvider = new FixedClock(DateTimeOffset.UtcNow) };

        string[] sequential = new string[files.Length];
        for (int i = 0; i < files.Length; i++)
        {
            sequential[i] = await CanonicalReportAsync(files[i], options);
        }

        // Eight threads of their own, started together, each taking the next file: the pool's threads could leave the
        // whole run to one of them when each verification is quick.
        var parallel = new ConcurrentDictionary<int, string>();
        var working = new ConcurrentDictionary<int, bool>();
        int next = -1;
        using var start = new Barrier(8);
        Exception?[] thrown = new Exception?[8];
        Thread[] threads = [.. Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            try
            {
                for (int i = Interlocked.Increment(ref next); i < files.Length; i = Interlocked.Increment(ref next))
                {
                    working[t] = true;
                    parallel[i] = CanonicalReportAsync(files[i], options).GetAwaiter().GetResult();
                }
            }
            catch (Exception ex)
            {
                thrown[t] = ex;
            }
        }))];
        Array.ForEach(threads, t => t.Start());
        Array.ForEach(threads, t => t.Join());
        Assert.All(thrown, Assert.Null);

        // The mix is real: trusted files, tampered ones, and ones whose container a flip broke.
        Assert.Contains(sequential, r => r.Contains("\"Trusted\"", StringComparison.Ordinal));
        Assert.Contains(sequential, r => r.Contains(StatusCodes.AssertionDataHashMismatch, StringComparison.Ordinal));
        Assert.Contains(sequential, r => r.Contains(StatusCodes.AssertionBmffHashMismatch, StringComparison.Ordinal));
        Assert.True(working.Count > 1, "one thread verified every file");
        int[] differing = [.. Enumerable.Range(0, files.Length).Where(i => parallel[i] != sequential[i])];
        Assert.True(differing.Length == 0, differing.Length == 0 ? "" : $"{differing.Length} of {files.Length} reports differ on eight threads, first file {differing[0]}:\none thread:    {sequential[differing[0]]}\neight threads: {parallel[differing[0]]}");
    }

    // Each input signed four times on eight threads with one signer (so the signer runs concurrently too), then
    // copies: untouched, or with one byte flipped at a spot picked deterministically from the file's number.
    private static async Task<byte[][]> MakeFilesAsync()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        var builder = new ManifestBuilder { Title = "concurrency" };
        var options = new SigningOptions { Thumbnails = null };
        (string Input, int Copy)[] jobs = [.. Inputs.SelectMany(input => Enumerable.Range(0, 4).Select(copy => (input, copy)))];
        var signed = new byte[jobs.Length][];
        await Parallel.ForEachAsync(Enumerable.Range(0, jobs.Length), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (j, cancellationToken) =>
        {
            using var source = new MemoryStream(File.ReadAllBytes(TestPaths.Fixture(jobs[j].Input)));
            using var target = new MemoryStream();
            await builder.SignAsync(source, target, signer, options, cancellationToken);
            signed[j] = target.ToArray();
        });

        var random = new Random(11);
        var files = new byte[FileCount][];
        for (int i = 0; i < FileCount; i++)
        {
            byte[] file = (byte[])signed[i % signed.Length].Clone();
            if (i % 3 != 0)
            {
                file[random.Next(file.Length)] ^= (byte)(1 << (i % 8));
            }

            files[i] = file;
        }

        return files;
    }

    private static async Task<string> CanonicalReportAsync(byte[] file, VerificationOptions options)
    {
        try
        {
            using var stream = new MemoryStream(file, writable: false);
            return ReportJsonWriter.ToJson(await ManifestVerifier.VerifyAsync(stream, options), indented: false);
        }
        catch (ProvenanceException ex)
        {
            return $"{ex.GetType().Name}: {ex.Message}";
        }
    }
}
