using System.Security.Cryptography;
using Provenance.Assertions;
using Provenance.Cbor;
using Provenance.Cryptography;
using Provenance.Formats;
using Provenance.Formats.Bmff;
using Provenance.Hashing;
using Provenance.IO;

namespace Provenance.Signing;

/// <summary>
/// Signs a fragmented asset delivered as an init segment and media segments (DASH, CMAF): each segment gets a C2PA
/// Merkle box before its first <c>moof</c> naming its place in the tree, and the init segment gets the manifest.
/// </summary>
internal static class FragmentedSigner
{
    /// <summary>The <c>uniqueId</c> Provenance gives its one Merkle tree.</summary>
    private const long UniqueId = 1;

    public static async Task<SigningResult> SignAsync(string initPath, IReadOnlyList<string> segmentPaths, string outputDirectory, ManifestPlan plan, IClaimSigner signer, SigningOptions options, CancellationToken cancellationToken)
    {
        if (segmentPaths.Count == 0)
        {
            throw new ArgumentException("A fragmented asset needs at least one media segment.", nameof(segmentPaths));
        }

        Directory.CreateDirectory(outputDirectory);
        var handler = new BmffHandler();
        HashAlgorithmName hashName = C2paHashAlgorithms.Parse(options.C2paHashName);
        long localId;
        await using (var init = new FileStream(initPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous))
        {
            localId = FirstTrackId(init, options.ReadOptions, cancellationToken);
        }

        var leaves = new List<byte[]>(segmentPaths.Count);
        for (int location = 0; location < segmentPaths.Count; location++)
        {
            string target = Path.Combine(outputDirectory, Path.GetFileName(segmentPaths[location]));
            byte[] merkleBox = C2paUuidBox.EncodeMerkle(new CborMap { { "uniqueId", UniqueId }, { "localId", localId }, { "location", location } }.Encode());
            await TemporaryFiles.WriteAtomicallyAsync(target, async output =>
            {
                await using var input = new FileStream(segmentPaths[location], FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous);
                EmbeddingPlan plan = handler.PlanBeforeFirstMoof(input, merkleBox, options.ReadOptions, cancellationToken);
                await EmbeddingWriter.WriteAsync(input, output, plan, ReadOnlyMemory<byte>.Empty, progress: null, cancellationToken: cancellationToken).ConfigureAwait(false);
                output.Position = 0;

                // A leaf is the whole segment minus the exclusions (its Merkle box is a C2PA box, so excluded), with offsets.
                leaves.Add(await handler.HashAsync(output, hashName, BmffExclusions.Default, hashBoxOffsets: true, options.ReadOptions, null, cancellationToken).ConfigureAwait(false));
            }, cancellationToken).ConfigureAwait(false);
        }

        string initTarget = Path.Combine(outputDirectory, Path.GetFileName(initPath));
        var binding = new FragmentedBmffBinding(handler, options.ReadOptions, leaves, UniqueId, localId);
        SigningResult? result = null;
        await TemporaryFiles.WriteAtomicallyAsync(initTarget, async output =>
        {
            await using var input = new FileStream(initPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous);
            result = await ManifestSigner.SignAsync(input, output, handler, plan, signer, options with { Thumbnails = null, VerifyAfterSign = false }, cancellationToken, binding).ConfigureAwait(false);
            if (options.VerifyAfterSign && segmentPaths.Count > 0)
            {
                // The init segment is checked with the first media segment written, as a player would meet them.
                await using var segment = new FileStream(Path.Combine(outputDirectory, Path.GetFileName(segmentPaths[0])), FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous);
                await OutputVerifier.VerifyAsync(output, options, checkContent: true, cancellationToken, segment).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
        return result!;
    }

    // ISO/IEC 14496-12 §8.3.2: tkhd holds track_ID after the times, whose width depends on the version.
    private static long FirstTrackId(Stream init, AssetReadOptions options, CancellationToken cancellationToken)
    {
        BmffBox? tkhd = BmffReader.Open(init, options).ReadTree(options.MaxBoxDepth, cancellationToken)
            .Where(b => b.Type == BmffBoxTypes.Moov).SelectMany(m => m.Children).Where(t => t.Type == BmffBoxTypes.Trak)
            .SelectMany(t => t.Children).FirstOrDefault(b => b.Type == BmffBoxTypes.Tkhd);
        if (tkhd?.FullBox is not { } full)
        {
            throw new ProvenanceFormatException(FormatLayer.Bmff, 0, "the init segment has no track header (moov/trak/tkhd)");
        }

        byte[] id = new byte[4];
        init.Position = tkhd.PayloadOffset + 4 + (full.Version == 1 ? 16 : 8);
        init.ReadExactly(id);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(id);
    }
}
