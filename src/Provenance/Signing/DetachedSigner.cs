using System.Security.Cryptography;
using Provenance.Assertions;
using Provenance.Cryptography;
using Provenance.Formats;
using Provenance.Hashing;
using Provenance.IO;
using Provenance.Validation;

namespace Provenance.Signing;

/// <summary>
/// Signs an asset whose manifest store is kept apart from it (C2PA 2.2 §11.2 sidecar, §11.3 remote): the asset's bytes
/// are hashed as they are (a data hash with no exclusion, or the BMFF hash), and the store goes to its own stream.
/// </summary>
internal static class DetachedSigner
{
    public static async Task<SigningResult> SignAsync(Stream asset, Stream storeOutput, IAssetHandler handler, ManifestPlan plan, IClaimSigner signer, SigningOptions options, CancellationToken cancellationToken)
    {
        long origin = asset.Position;
        using var window = new SubStream(asset, origin);
        if (handler.ReadManifestStore(window, options.ReadOptions, cancellationToken) is { } embedded)
        {
            // Its own manifest would be neither kept nor removed: a detached store describes the asset's bytes as they are.
            throw new InvalidOperationException($"The asset already embeds a manifest store (at byte {embedded.Range.Start}); sign it with an embedded manifest, which replaces the store, or remove the store first.");
        }

        IHardBinding binding = HardBindings.For(handler, window, options, cancellationToken);

        // The asset is hashed as it is, whatever the store holds, so the manifest is laid out after the hash, and a large
        // video's thumbnail is made while it is hashed, with no room to reserve.
        await using ParallelThumbnail? parallel = ParallelThumbnail.TryStart(asset, origin, handler, options, cancellationToken);
        int bindingSize = binding.ReserveSize(options.C2paHashName);
        byte[] content = binding is DataHashBinding
            ? new DataHashAssertion([], options.C2paHashName, await HashAllAsync(window, options, cancellationToken).ConfigureAwait(false)).EncodeToSize(bindingSize)
            : await binding.ComputeAsync(window, new ExclusionRange(0, 0), options.C2paHashName, null, bindingSize, options.Progress, cancellationToken).ConfigureAwait(false);
        Thumbnails.Thumbnail? thumbnail = parallel is null ? null : await parallel.Thumbnail.WaitAsync(cancellationToken).ConfigureAwait(false);
        window.Position = 0;
        SigningSession session = await SigningSession.StartAsync(window, binding, plan, signer, options, cancellationToken, thumbnail: thumbnail).ConfigureAwait(false);
        byte[] store = await session.FinishAsync(content, cancellationToken).ConfigureAwait(false);
        if (options.VerifyAfterSign)
        {
            window.Position = 0;
            await OutputVerifier.VerifyAsync(
                SigningVerification.For(options, TrustAnchorSet.Empty),
                verification => AssetValidator.ValidateDetachedAsync(window, new MemoryStream(store, writable: false), verification, checkContent: true, cancellationToken)).ConfigureAwait(false);
        }

        await storeOutput.WriteAsync(store, cancellationToken).ConfigureAwait(false);
        await storeOutput.FlushAsync(cancellationToken).ConfigureAwait(false);
        return session.Result();
    }

    private static async Task<byte[]> HashAllAsync(Stream asset, SigningOptions options, CancellationToken cancellationToken)
    {
        using IncrementalHash hash = IncrementalHash.CreateHash(options.HashAlgorithm);
        byte[] buffer = new byte[1 << 20];
        asset.Position = 0;
        long done = 0;
        int read;
        while ((read = await asset.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            done += read;
            options.Progress?.Report(done);
        }

        return hash.GetHashAndReset();
    }
}
