using System.Security.Cryptography;
using Provenance.Assertions;
using Provenance.Cose;
using Provenance.Cryptography;
using Provenance.Formats;
using Provenance.IO;
using Provenance.Hashing;
using Provenance.Jumbf;
using Provenance.Manifests;

namespace Provenance.Signing;

/// <summary>
/// The signing pipeline for data-hash formats (C2PA 2.2 §10.4: multi-pass embedding). The store's size is fixed
/// first, with a placeholder hard binding and a reserved signature; the handler plans where it goes; the asset is
/// copied while it is hashed; then the real hash and signature fill the reserved bytes, and only they are rewritten.
/// </summary>
internal static class ManifestSigner
{
    // The largest exclusion values a data hash can hold, so that the placeholder is never smaller than the real one.
    private static readonly ExclusionRange LargestExclusion = new(long.MaxValue, long.MaxValue);

    public static async Task<SigningResult> SignAsync(
        Stream input,
        Stream output,
        IAssetHandler handler,
        ManifestBuilder definition,
        IClaimSigner signer,
        SigningOptions options,
        CancellationToken cancellationToken)
    {
        string algorithm = options.HashAlgorithm;
        HashAlgorithmName hashName = C2paHashAlgorithms.Parse(algorithm);
        int hashSize = C2paHashAlgorithms.GetSize(hashName);
        var layout = new StoreLayout("urn:c2pa:" + Guid.NewGuid().ToString());
        foreach ((string label, JumbfSuperBox box) in definition.BuildAssertions(options))
        {
            layout.Add(label, box);
        }

        var notes = new List<string>();
        bool thumbnail = false;
        if (options.Thumbnail)
        {
            (byte[]? jpeg, string? problem) = await ThumbnailSource.CreateAsync(input, cancellationToken).ConfigureAwait(false);
            if (jpeg is not null)
            {
                layout.Add(C2paLabels.ClaimThumbnail, AssertionBoxes.EmbeddedFile(C2paLabels.ClaimThumbnail, "image/jpeg", jpeg, options.SaltAssertions));
                thumbnail = true;
            }
            else
            {
                notes.Add(problem!);
            }
        }

        // Pass 1: fix every size. The data hash placeholder uses the widest integers; the real one is padded to match.
        int dataHashSize = new DataHashAssertion([LargestExclusion], algorithm, new byte[hashSize]).Encode().Length;
        layout.Add(C2paLabels.DataHash, AssertionBoxes.Cbor(C2paLabels.DataHash, new byte[dataHashSize], options.SaltAssertions));
        string instanceId = "xmp:iid:" + Guid.NewGuid().ToString();
        byte[] placeholderClaim = ClaimWriter.Encode(instanceId, definition.ClaimGenerator, definition.Title, algorithm, layout.HashedUris(algorithm));
        int signatureSize = CoseSign1Writer.GetReservedSize(signer);
        int storeLength = layout.Encode(placeholderClaim, new byte[signatureSize]).Length;

        long origin = input.CanSeek ? input.Position : 0;
        using var window = new SubStream(input, origin);
        EmbeddingPlan plan = handler.PlanEmbedding(window, storeLength, cancellationToken);
        ExclusionRange storeRange = plan.StoreRange ?? throw new InvalidOperationException("The format handler planned no store.");

        // Pass 2: copy and hash everything outside the store; with a seekable output the copy is the final file.
        long outputStart = output.CanSeek ? output.Position : 0;
        byte[] hash;
        using (var hasher = IncrementalHash.CreateHash(hashName))
        {
            Stream firstPassTarget = output.CanSeek ? output : Stream.Null;
            await EmbeddingWriter.WriteAsync(window, firstPassTarget, plan, ReadOnlyMemory<byte>.Empty, hasher, options.Progress, cancellationToken).ConfigureAwait(false);
            hash = hasher.GetHashAndReset();
        }

        // Pass 3: the real data hash, claim and signature, in exactly the sizes reserved.
        byte[] dataHash = new DataHashAssertion([storeRange], algorithm, hash).EncodeToSize(dataHashSize);
        layout.Replace(C2paLabels.DataHash, AssertionBoxes.Cbor(C2paLabels.DataHash, dataHash, options.SaltAssertions));
        byte[] claim = ClaimWriter.Encode(instanceId, definition.ClaimGenerator, definition.Title, algorithm, layout.HashedUris(algorithm));
        if (claim.Length != placeholderClaim.Length)
        {
            throw new InvalidOperationException("The claim changed size between passes.");
        }

        byte[] signature = await CoseSign1Writer.SignDetachedAsync(signer, claim, signatureSize, null, cancellationToken).ConfigureAwait(false);
        byte[] store = layout.Encode(claim, signature);
        if (store.Length != storeLength)
        {
            throw new InvalidOperationException($"The manifest store changed size between passes ({storeLength} → {store.Length}).");
        }

        byte[] framed = handler.EncodeStore(store);
        if (output.CanSeek)
        {
            long end = output.Position;
            output.Position = outputStart + storeRange.Start;
            await output.WriteAsync(framed, cancellationToken).ConfigureAwait(false);
            output.Position = end;
        }
        else
        {
            await EmbeddingWriter.WriteAsync(window, output, plan, framed, null, options.Progress, cancellationToken).ConfigureAwait(false);
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return new SigningResult(layout.ManifestLabel, thumbnail, notes);
    }
}
