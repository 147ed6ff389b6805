using System.Security.Cryptography;
using Provenance.Cryptography;
using Provenance.Formats;
using Provenance.Formats.Bmff;
using Provenance.Hashing;
using Provenance.IO;

namespace Provenance.Signing;

/// <summary>
/// The signing pipelines (C2PA 2.2 §10.4: multi-pass embedding). To a new output: the handler plans where the store
/// goes, the asset is copied (and, for a data hash, hashed on the way), the hard binding is computed, and only the
/// store's bytes are rewritten; an output that cannot be sought (or re-read, for BMFF) is staged in a temporary file.
/// In place: a BMFF file with room reserved after <c>ftyp</c> is hashed as it is and only the reserved bytes are written.
/// A large video's thumbnail is made while it is hashed (<see cref="ParallelThumbnail"/>).
/// </summary>
internal static class ManifestSigner
{
    public static async Task<SigningResult> SignAsync(Stream input, Stream output, IAssetHandler handler, ManifestPlan plan, IClaimSigner signer, SigningOptions options, CancellationToken cancellationToken, IHardBinding? binding = null)
    {
        long origin = input.Position;

        // One view of the input for every step, so the handler reads its structure once (BmffHandler remembers it).
        using var window = new SubStream(input, origin);
        binding ??= HardBindings.For(handler, window, options, cancellationToken);
        await using ParallelThumbnail? parallel = ParallelThumbnail.TryStart(input, origin, handler, options, cancellationToken);
        var pass = new SigningPass(input, origin, window, output, handler, plan, signer, options, binding);
        return await pass.RunAsync(parallel, null, cancellationToken).ConfigureAwait(false)
            ?? await pass.RunAsync(null, await parallel!.Thumbnail.ConfigureAwait(false), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("A signing pass without a parallel thumbnail cannot outgrow its room.");
    }

    private sealed record SigningPass(Stream Input, long Origin, SubStream Window, Stream Output, IAssetHandler Handler, ManifestPlan Plan, IClaimSigner Signer, SigningOptions Options, IHardBinding Binding)
    {
        /// <summary>
        /// Signs once; null when the thumbnail made in <paramref name="parallel"/> outgrew the room reserved for it, and
        /// the output is back where it started (a pass with that thumbnail in hand follows).
        /// </summary>
        public async Task<SigningResult?> RunAsync(ParallelThumbnail? parallel, Thumbnails.Thumbnail? thumbnail, CancellationToken cancellationToken)
        {
            Input.Position = Origin;
            Window.Position = 0;
            SigningOptions options = Options;
            SigningSession session = await SigningSession.StartAsync(Input, Binding, Plan, Signer, options, cancellationToken, parallel, thumbnail).ConfigureAwait(false);
            EmbeddingPlan embedding = Handler.PlanEmbedding(Window, session.StoreLength, options.ReadOptions, cancellationToken);
            ExclusionRange storeRange = embedding.StoreRange ?? throw new InvalidOperationException("The format handler planned no store.");

            using IWriteHasher? hasher = Binding.CreateWriteHasher(options.C2paHashName);
            bool direct = Output.CanSeek && (Output.CanRead || hasher is not null);
            await using FileStream? staging = direct ? null : TemporaryFiles.CreateDeleteOnClose(options.ReadOptions.TemporaryDirectory);
            Stream target = staging ?? Output;
            long targetStart = target.Position;
            // The placeholder is a properly framed store of zeros, so the container stays walkable if it is re-read.
            await EmbeddingWriter.WriteAsync(Window, target, embedding, Handler.EncodeStore(new byte[session.StoreLength]), hasher, options.Progress, cancellationToken).ConfigureAwait(false);
            byte[]? writtenHash = hasher?.GetHash();
            long targetEnd = target.Position;
            Stream written = hasher is not null ? Stream.Null : new SubStream(target, targetStart, embedding.OutputLength);
            byte[] content = await Binding.ComputeAsync(written, storeRange, options.C2paHashName, writtenHash, session.BindingSize, options.Progress, cancellationToken).ConfigureAwait(false);
            byte[] store;
            int free = 0;
            if (parallel is null)
            {
                store = await session.FinishAsync(content, cancellationToken).ConfigureAwait(false);
            }
            else if (await session.FinishWithParallelThumbnailAsync(content, cancellationToken).ConfigureAwait(false) is { } finished)
            {
                (store, free) = finished;
            }
            else
            {
                target.Position = targetStart;
                return null;
            }

            target.Position = targetStart + storeRange.Start;
            await target.WriteAsync(Handler.EncodeStore(store), cancellationToken).ConfigureAwait(false);
            if (free > 0)
            {
                // Room the thumbnail left: a free box, which the BMFF hash excludes, so nothing hashed moved.
                await target.WriteAsync(BmffHandler.FreeBox(free), cancellationToken).ConfigureAwait(false);
            }

            if (options.VerifyAfterSign)
            {
                // A staged output is verified before it is copied out, so the caller's stream only ever receives verified bytes.
                if (target.CanRead)
                {
                    await target.FlushAsync(cancellationToken).ConfigureAwait(false);
                    using var signed = new SubStream(target, targetStart, targetEnd - targetStart);
                    await OutputVerifier.VerifyAsync(signed, options, checkContent: options.VerifyAfterSignHash, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    session.Notes.Add("The output stream cannot be read back, so verification after signing checked the claim signature but not the written bytes.");
                }
            }

            target.Position = targetEnd;
            if (staging is not null)
            {
                staging.Position = 0;
                await staging.CopyToAsync(Output, 1 << 20, cancellationToken).ConfigureAwait(false);
            }

            await Output.FlushAsync(cancellationToken).ConfigureAwait(false);
            return session.Result();
        }
    }

    /// <summary>
    /// Signs a BMFF file in place: the C2PA box and any leftover <c>free</c> box replace the reserved boxes after
    /// <c>ftyp</c>. Those boxes are excluded from the BMFF hash before and after, and no other box moves, so the hash
    /// of the file as it is already is the hash of the signed file: it is read once, and only the reserved bytes are written.
    /// </summary>
    /// <exception cref="InvalidOperationException">The file has no reserved room large enough.</exception>
    /// <exception cref="ProvenanceSigningException">The signed store does not validate; the reserved bytes were restored.</exception>
    public static async Task<SigningResult> SignInPlaceAsync(Stream asset, BmffHandler handler, ManifestPlan plan, IClaimSigner signer, SigningOptions options, CancellationToken cancellationToken)
    {
        IHardBinding binding = HardBindings.For(handler, asset, options, cancellationToken);
        asset.Position = 0;
        SigningSession session = await SigningSession.StartAsync(asset, binding, plan, signer, options, cancellationToken).ConfigureAwait(false);
        long boxLength = C2paUuidBox.HeaderLength + (long)session.StoreLength;
        (long offset, long room) = handler.FindReservedRoom(asset, options.ReadOptions, cancellationToken);
        if (room != boxLength && room < boxLength + 8)
        {
            throw new InvalidOperationException($"The file reserves {room} bytes after ftyp; this manifest needs {boxLength} (or at least 8 more, for a free box after it). Sign to a new file instead.");
        }

        byte[] content = await binding.ComputeAsync(asset, new ExclusionRange(offset, boxLength), options.C2paHashName, null, session.BindingSize, options.Progress, cancellationToken).ConfigureAwait(false);
        byte[] store = await session.FinishAsync(content, cancellationToken).ConfigureAwait(false);
        byte[] original = new byte[room];
        asset.Position = offset;
        await asset.ReadExactlyAsync(original, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();

        // From the first write on, any failure (a write error such as a full disk, a cancellation while verifying, a
        // store that does not validate) puts the reserved bytes back as they were: the file is either signed or untouched.
        try
        {
            asset.Position = offset;
            await asset.WriteAsync(handler.EncodeStore(store), CancellationToken.None).ConfigureAwait(false);
            if (room > boxLength)
            {
                await asset.WriteAsync(BmffHandler.FreeBox(room - boxLength), CancellationToken.None).ConfigureAwait(false);
            }

            await asset.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            if (options.VerifyAfterSign)
            {
                // No media byte was written and the media was hashed from the file as it is, so the store is read back
                // and validated without a second full read.
                await OutputVerifier.VerifyAsync(asset, options, checkContent: false, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception)
        {
            asset.Position = offset;
            await asset.WriteAsync(original, CancellationToken.None).ConfigureAwait(false);
            await asset.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        return session.Result();
    }
}
