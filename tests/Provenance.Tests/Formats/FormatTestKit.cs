using Provenance.Cryptography;
using Provenance.Formats;
using Provenance.Jumbf;
using Provenance.Tests.Signing;
using Provenance.Validation;

namespace Provenance.Tests.Formats;

/// <summary>The checks every data-hashed format handler passes (GIF, MP3, FLAC, SVG): plans, hostile input, signing, decoding.</summary>
internal static class FormatTestKit
{
    /// <summary>A JUMBF manifest-store box of <paramref name="size"/> bytes with random content.</summary>
    public static byte[] FakeStore(int size)
    {
        byte[] payload = new byte[Math.Max(0, size - 38)];
        new Random(size).NextBytes(payload);
        return new JumbfSuperBox(new JumbfDescription(C2paBoxTypes.ManifestStore, "c2pa"), [new JumbfContentBox(FourCC.Free, payload)]).Encode();
    }

    /// <summary>Runs the handler's embedding plan with <paramref name="store"/>.</summary>
    public static (byte[] Output, EmbeddingPlan Plan) Embed(IAssetHandler handler, byte[] input, byte[] store)
    {
        EmbeddingPlan plan = handler.PlanEmbedding(new MemoryStream(input), store.Length, AssetReadOptions.Default);
        using var output = new MemoryStream();
        EmbeddingWriter.WriteAsync(new MemoryStream(input), output, plan, handler.EncodeStore(store)).GetAwaiter().GetResult();
        Assert.Equal(plan.OutputLength, output.Length);
        return (output.ToArray(), plan);
    }

    /// <summary>Runs the handler's removal plan.</summary>
    public static byte[] Strip(IAssetHandler handler, byte[] input)
    {
        EmbeddingPlan plan = handler.PlanRemoval(new MemoryStream(input), AssetReadOptions.Default);
        Assert.Null(plan.StoreRange);
        using var output = new MemoryStream();
        EmbeddingWriter.WriteAsync(new MemoryStream(input), output, plan, ReadOnlyMemory<byte>.Empty).GetAwaiter().GetResult();
        return output.ToArray();
    }

    /// <summary>
    /// Embeds a store, reads it back where the plan put it, replaces it with a store of another size (still one store),
    /// and removes it; the stripped output equals the stripped input, or has the same <paramref name="content"/> when the
    /// container around the store is rewritten (an ID3 tag loses its padding). Returns the output with the first store.
    /// </summary>
    public static byte[] AssertEmbedReplaceRemove(IAssetHandler handler, byte[] input, int storeSize, Func<byte[], byte[]>? content = null)
    {
        content ??= b => b;
        Assert.Null(handler.ReadManifestStore(new MemoryStream(input), AssetReadOptions.Default));
        byte[] store = FakeStore(storeSize);
        (byte[] signed, EmbeddingPlan plan) = Embed(handler, input, store);
        EmbeddedManifestStore found = handler.ReadManifestStore(new MemoryStream(signed), AssetReadOptions.Default)!;
        Assert.Equal(store, found.Store);
        Assert.Equal(plan.StoreRange, found.Range);

        byte[] other = FakeStore(storeSize / 2 + 7);
        (byte[] replaced, EmbeddingPlan replacePlan) = Embed(handler, signed, other);
        EmbeddedManifestStore again = handler.ReadManifestStore(new MemoryStream(replaced), AssetReadOptions.Default)!;
        Assert.Equal(other, again.Store);
        Assert.Equal(replacePlan.StoreRange, again.Range);

        byte[] stripped = Strip(handler, signed);
        Assert.Null(handler.ReadManifestStore(new MemoryStream(stripped), AssetReadOptions.Default));
        Assert.Equal(content(Strip(handler, input)), content(stripped));
        Assert.Equal(content(input), content(stripped));
        Assert.Equal(stripped, Strip(handler, replaced));
        return signed;
    }

    /// <summary>Every prefix of <paramref name="asset"/> is read and planned without any exception but ours.</summary>
    public static void AssertPrefixesFailCleanly(IAssetHandler handler, byte[] asset)
    {
        for (int length = 0; length < asset.Length; length += Math.Max(1, length / 5))
        {
            byte[] prefix = asset[..length];
            try
            {
                handler.ReadManifestStore(new MemoryStream(prefix), AssetReadOptions.Default);
            }
            catch (ProvenanceFormatException)
            {
                // The only exception allowed.
            }

            try
            {
                handler.PlanEmbedding(new MemoryStream(prefix), 100, AssetReadOptions.Default);
            }
            catch (ProvenanceFormatException)
            {
                // The only exception allowed.
            }
        }
    }

    /// <summary>
    /// Signs with Provenance to a stream and to a file: both verify Trusted with a data hash; one changed byte at
    /// <paramref name="mediaOffsetFromEnd"/> from the end makes the asset Invalid with assertion.dataHash.mismatch.
    /// </summary>
    public static async Task<byte[]> AssertSignVerifyTamper(string inputPath, int mediaOffsetFromEnd = 100)
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        byte[] signed = await SignAndVerifyTests.SignAsync(File.ReadAllBytes(inputPath), signer, b => b.AddAuthor("Format Author"));
        ValidationReport report = await SignAndVerifyTests.VerifyAsync(signed);
        Assert.True(report.State == ValidationState.Trusted, string.Join(", ", report.ActiveManifestResults.Failure.Select(f => $"{f.Code}: {f.Explanation}")));
        Assert.Contains(report.ActiveManifestResults.Success, s => s.Code == StatusCodes.AssertionDataHashMatch);

        string dir = TestPaths.NewTempDirectory();
        string outputPath = Path.Combine(dir, "signed" + Path.GetExtension(inputPath));
        await new ManifestBuilder { Title = "file" }.SignFileAsync(inputPath, outputPath, signer);
        ValidationReport fileReport = await ManifestVerifier.VerifyFileAsync(outputPath, new VerificationOptions { TrustAnchors = TestSigners.Anchors });
        Assert.Equal(ValidationState.Trusted, fileReport.State);

        byte[] tampered = (byte[])signed.Clone();
        tampered[^mediaOffsetFromEnd] ^= 0x01;
        ValidationReport tamperedReport = await SignAndVerifyTests.VerifyAsync(tampered);
        Assert.Equal(ValidationState.Invalid, tamperedReport.State);
        Assert.Equal([StatusCodes.AssertionDataHashMismatch], tamperedReport.ActiveManifestResults.Failure.Select(f => f.Code));
        return signed;
    }

    /// <summary>
    /// Signs an input twice: the second signing replaces the first store (one manifest, Trusted, about the same size)
    /// rather than adding another.
    /// </summary>
    public static async Task AssertResigningReplacesTheStore(string inputPath)
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        byte[] once = await SignAndVerifyTests.SignAsync(File.ReadAllBytes(inputPath), signer);

        byte[] twice = await SignAndVerifyTests.SignAsync(once, signer);
        ValidationReport report = await SignAndVerifyTests.VerifyAsync(twice);

        Assert.Equal(ValidationState.Trusted, report.State);
        Assert.Single(report.Manifests);
        Assert.InRange(twice.Length, once.Length - 64, once.Length + 64);
    }

    /// <summary>ffmpeg's per-frame MD5s of every stream of a file (what a decoder makes of it).</summary>
    public static string FrameMd5(string path)
    {
        (int exitCode, string output, string error) = ProcessRunner.Run(
            "ffmpeg",
            ["-v", "error", "-i", path, "-map", "0", "-f", "framemd5", "-"],
            TimeSpan.FromMinutes(2),
            "ffmpeg is needed to decode test media: apt-get install -y ffmpeg (scripts/test.sh does it).");
        Assert.True(exitCode == 0, $"ffmpeg could not decode {path}: {error}");
        Assert.Contains("#tb", output, StringComparison.Ordinal);
        return output;
    }

    /// <summary>The signed output decodes to the same frames as the input.</summary>
    public static async Task AssertSignedDecodesLikeInput(string inputPath)
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        byte[] signed = await SignAndVerifyTests.SignAsync(File.ReadAllBytes(inputPath), signer);
        string outputPath = Path.Combine(TestPaths.NewTempDirectory(), "signed" + Path.GetExtension(inputPath));
        File.WriteAllBytes(outputPath, signed);
        Assert.NotEqual(File.ReadAllBytes(inputPath).Length, signed.Length);
        Assert.Equal(FrameMd5(inputPath), FrameMd5(outputPath));
    }
}
