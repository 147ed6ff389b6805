using System.Security.Cryptography;
using Provenance.Cose;
using Provenance.Cryptography;
using Provenance.Formats;
using Provenance.Hashing;
using Provenance.IO;
using Provenance.Jumbf;
using Provenance.Manifests;

namespace Provenance.Signing;

/// <summary>
/// The signing pipeline (C2PA 2.2 §10.4: multi-pass embedding). The store's size is fixed first, with a placeholder
/// hard binding and a reserved signature; the handler plans where it goes; the asset is copied (and, for a data hash,
/// hashed on the way); the hard binding is computed; then the real claim and signature fill the reserved bytes, and
/// only they are rewritten. An output that cannot be sought (or re-read, for BMFF) is staged in a temporary file.
/// </summary>
internal static class ManifestSigner
{
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
        IHardBinding binding = HardBindings.For(handler);
        var layout = new StoreLayout("urn:c2pa:" + Guid.NewGuid().ToString());
        foreach ((string label, JumbfSuperBox box) in definition.BuildAssertions(options))
        {
            layout.Add(label, box);
        }

        var notes = new List<string>();
        bool thumbnail = await AddThumbnailAsync(input, layout, options, notes, cancellationToken).ConfigureAwait(false);

        // Pass 1: fix every size.
        int bindingSize = binding.ReserveSize(algorithm);
        layout.Add(binding.Label, AssertionBoxes.Cbor(binding.Label, new byte[bindingSize], options.SaltAssertions));
        string instanceId = "xmp:iid:" + Guid.NewGuid().ToString();
        byte[] placeholderClaim = ClaimWriter.Encode(instanceId, definition.ClaimGenerator, definition.Title, algorithm, layout.HashedUris(algorithm));
        int signatureSize = CoseSign1Writer.GetReservedSize(signer);
        int storeLength = layout.Encode(placeholderClaim, new byte[signatureSize]).Length;

        using var window = new SubStream(input, input.Position);
        EmbeddingPlan plan = handler.PlanEmbedding(window, storeLength, cancellationToken);
        ExclusionRange storeRange = plan.StoreRange ?? throw new InvalidOperationException("The format handler planned no store.");

        // Pass 2: write the output with the store zeroed, hashing on the way when the binding allows.
        bool direct = output.CanSeek && (output.CanRead || binding.HashesWhileWriting);
        await using FileStream? staging = direct ? null : TemporaryFiles.CreateDeleteOnClose();
        Stream target = staging ?? output;
        long targetStart = target.Position;
        byte[]? writtenHash = null;
        using (IncrementalHash? hasher = binding.HashesWhileWriting ? IncrementalHash.CreateHash(hashName) : null)
        {
            // The placeholder is a properly framed store of zeros, so the container stays walkable while it is hashed.
            await EmbeddingWriter.WriteAsync(window, target, plan, handler.EncodeStore(new byte[storeLength]), hasher, options.Progress, cancellationToken).ConfigureAwait(false);
            writtenHash = hasher?.GetHashAndReset();
        }

        long targetEnd = target.Position;
        byte[] bindingContent = await binding.ComputeAsync(
            binding.HashesWhileWriting ? Stream.Null : new SubStream(target, targetStart, plan.OutputLength),
            storeRange,
            algorithm,
            writtenHash,
            bindingSize,
            options.Progress,
            cancellationToken).ConfigureAwait(false);

        // Pass 3: the real binding, claim and signature, in exactly the sizes reserved.
        layout.Replace(binding.Label, AssertionBoxes.Cbor(binding.Label, bindingContent, options.SaltAssertions));
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

        target.Position = targetStart + storeRange.Start;
        await target.WriteAsync(handler.EncodeStore(store), cancellationToken).ConfigureAwait(false);
        target.Position = targetEnd;
        if (staging is not null)
        {
            staging.Position = 0;
            await staging.CopyToAsync(output, 1 << 20, cancellationToken).ConfigureAwait(false);
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return new SigningResult(layout.ManifestLabel, thumbnail, notes);
    }

    private static async Task<bool> AddThumbnailAsync(Stream input, StoreLayout layout, SigningOptions options, List<string> notes, CancellationToken cancellationToken)
    {
        if (!options.Thumbnail)
        {
            return false;
        }

        (byte[]? jpeg, string? problem) = await ThumbnailSource.CreateAsync(input, cancellationToken).ConfigureAwait(false);
        if (jpeg is null)
        {
            notes.Add(problem!);
            return false;
        }

        layout.Add(C2paLabels.ClaimThumbnail, AssertionBoxes.EmbeddedFile(C2paLabels.ClaimThumbnail, "image/jpeg", jpeg, options.SaltAssertions));
        return true;
    }
}
