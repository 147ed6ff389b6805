using Provenance.Cbor;
using Provenance.Cose;
using Provenance.Cryptography;
using Provenance.Formats;
using Provenance.Jumbf;
using Provenance.Manifests;
using Provenance.Thumbnails;
using MadeThumbnail = Provenance.Thumbnails.Thumbnail;

namespace Provenance.Signing;

/// <summary>
/// One manifest being signed: its assertions, a hard binding of fixed size and a reserved signature, so that the
/// store's length is known before the asset is hashed (C2PA 2.2 §10.4), and then the real store of exactly that length.
/// </summary>
internal sealed class SigningSession
{
    private readonly StoreLayout _layout;
    private readonly ManifestPlan _plan;
    private readonly IClaimSigner _signer;
    private readonly SigningOptions _options;
    private readonly string _instanceId;
    private readonly int _placeholderClaimLength;
    private readonly int _signatureSize;
    private readonly IReadOnlyList<IUnprotectedHeaderContributor> _signatureHeaders;
    private readonly List<(string Label, IdentityAssertionWriter Writer, int Size)> _identities = [];
    private readonly ParallelThumbnail? _parallelThumbnail;
    private readonly long _thumbnailRoom;
    private byte[] _store = [];

    private SigningSession(StoreLayout layout, ManifestPlan plan, IClaimSigner signer, SigningOptions options, IHardBinding binding, List<string> notes, bool thumbnail, ReadOnlyMemory<byte>? ocspResponse, ParallelThumbnail? parallelThumbnail)
    {
        _layout = layout;
        _instanceId = "xmp:iid:" + options.Randomness.NewGuid().ToString();
        _plan = plan;
        _signer = signer;
        _options = options;
        Binding = binding;
        Notes = notes;
        Thumbnail = thumbnail;
        _parallelThumbnail = parallelThumbnail;
        if (parallelThumbnail is not null)
        {
            // Room for the thumbnail being made: an image of the reserved size under the same label.
            JumbfSuperBox room = ThumbnailBox("image/jpeg", new byte[parallelThumbnail.ReservedBytes], options.Salts);
            _thumbnailRoom = room.EncodedLength;
            _layout.Add(C2paLabels.ClaimThumbnail, room);
        }

        BindingSize = binding.ReserveSize(options.C2paHashName);
        _layout.Add(binding.Label, AssertionBoxes.Cbor(binding.Label, new byte[BindingSize], options.Salts));
        ReserveIdentities();
        byte[] placeholderClaim = EncodeClaim();
        _placeholderClaimLength = placeholderClaim.Length;
        _signatureHeaders = ClaimSignatureHeaders.For(options, ocspResponse);
        _signatureSize = CoseSign1Writer.GetReservedSize(signer, _signatureHeaders);
        StoreLength = layout.Encode(placeholderClaim, new byte[_signatureSize]).Length;
    }

    public IHardBinding Binding { get; }

    public int BindingSize { get; }

    /// <summary>The exact length of the store this session will produce.</summary>
    public int StoreLength { get; }

    public List<string> Notes { get; }

    public bool Thumbnail { get; private set; }

    /// <summary>Lays out the manifest and reserves the signature.</summary>
    /// <param name="input">The asset, at the position signing starts from.</param>
    /// <param name="binding">The hard binding, reserved now and computed once the asset is hashed.</param>
    /// <param name="plan">What the manifest says.</param>
    /// <param name="signer">The claim signer.</param>
    /// <param name="options">The signing options.</param>
    /// <param name="cancellationToken">Cancels ingredients, the thumbnail and OCSP.</param>
    /// <param name="parallelThumbnail">A thumbnail being made while the asset is hashed: room is reserved for it, and
    /// <see cref="FinishWithParallelThumbnailAsync"/> finishes the store.</param>
    /// <param name="thumbnail">A thumbnail already made (signing again after a parallel thumbnail outgrew its room).</param>
    public static async Task<SigningSession> StartAsync(Stream input, IHardBinding binding, ManifestPlan plan, IClaimSigner signer, SigningOptions options, CancellationToken cancellationToken, ParallelThumbnail? parallelThumbnail = null, MadeThumbnail? thumbnail = null)
    {
        var layout = new StoreLayout("urn:c2pa:" + options.Randomness.NewGuid().ToString());
        List<IngredientResolver.Resolved> ingredients = await IngredientResolver.ResolveAsync(plan.Ingredients, options, cancellationToken).ConfigureAwait(false);
        foreach (IngredientResolver.Resolved ingredient in ingredients)
        {
            layout.CarriedManifests.AddRange(ingredient.Manifests);
        }

        foreach ((string label, JumbfSuperBox box) in PlannedAssertions.Build(plan, options, ingredients))
        {
            layout.Add(label, box);
        }

        var notes = new List<string>();
        bool included = false;
        if (parallelThumbnail is null && (thumbnail ?? (options.Thumbnails is { } generator ? await CreateThumbnailAsync(input, generator, cancellationToken).ConfigureAwait(false) : null)) is { } made)
        {
            if (made.HasImage)
            {
                layout.Add(C2paLabels.ClaimThumbnail, ThumbnailBox(made.MimeType!, made.Data, options.Salts));
                included = true;
            }
            else
            {
                notes.Add(made.Problem!);
            }
        }

        ReadOnlyMemory<byte>? ocspResponse = await OcspStapler.PrepareAsync(signer, options, notes, cancellationToken).ConfigureAwait(false);
        return new SigningSession(layout, plan, signer, options, binding, notes, included, ocspResponse, parallelThumbnail);
    }

    // The generator reads the asset from where signing starts and gets the MIME type its content declares; the position
    // is restored whatever it does. Its exceptions (other than cancellation) become a note: a thumbnail is optional.
    internal static async Task<MadeThumbnail> CreateThumbnailAsync(Stream input, IThumbnailGenerator generator, CancellationToken cancellationToken)
    {
        long position = input.Position;
        try
        {
            AssetFormats.Detect(input, out string mimeType);
            return await generator.TryCreateAsync(input, mimeType, cancellationToken).ConfigureAwait(false)
                ?? MadeThumbnail.None($"no thumbnail was added: no thumbnail generator handles {mimeType} (SigningOptions.Thumbnails; the Provenance.Thumbnails.Skia package makes them for still images)");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return MadeThumbnail.None($"no thumbnail was added: {generator.GetType().Name} failed: {ex.Message}");
        }
        finally
        {
            input.Position = position;
        }
    }

    /// <summary>The final store: the real binding, the claim over it, and the signature, in exactly <see cref="StoreLength"/> bytes.</summary>
    public async Task<byte[]> FinishAsync(byte[] bindingContent, CancellationToken cancellationToken)
    {
        _layout.Replace(Binding.Label, AssertionBoxes.Cbor(Binding.Label, bindingContent, _options.Salts));
        await SignIdentitiesAsync(cancellationToken).ConfigureAwait(false);
        byte[] claim = EncodeClaim();
        if (claim.Length != _placeholderClaimLength)
        {
            throw new InvalidOperationException("The claim changed size between passes.");
        }

        byte[] signature = await CoseSign1Writer.SignDetachedAsync(_signer, claim, _signatureSize, _signatureHeaders, cancellationToken).ConfigureAwait(false);
        byte[] store = _layout.Encode(claim, signature);
        _store = store;
        return store.Length == StoreLength
            ? store
            : throw new InvalidOperationException($"The manifest store changed size between passes ({StoreLength} → {store.Length}).");
    }

    /// <summary>
    /// The final store when the thumbnail was made while the asset was hashed (<see cref="ParallelThumbnail"/>): as
    /// <see cref="FinishAsync"/>, with the thumbnail in its room, or without it (and a note) when none was made. The store
    /// is then up to the room's size shorter than <see cref="StoreLength"/>: <c>Free</c> is that difference, 0 or at
    /// least 8 bytes (a <c>free</c> box's smallest size; a smaller difference pads the signature instead).
    /// </summary>
    /// <returns>The store and the bytes left free after it; null when the thumbnail is larger than its room.</returns>
    public async Task<(byte[] Store, int Free)?> FinishWithParallelThumbnailAsync(byte[] bindingContent, CancellationToken cancellationToken)
    {
        ParallelThumbnail parallel = _parallelThumbnail ?? throw new InvalidOperationException("No thumbnail is being made in parallel.");
        MadeThumbnail made = await parallel.Thumbnail.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (!made.HasImage)
        {
            _layout.Remove(C2paLabels.ClaimThumbnail);
            Notes.Add(made.Problem!);
        }
        else if (ThumbnailBox(made.MimeType!, made.Data, _options.Salts) is { } box && box.EncodedLength <= _thumbnailRoom)
        {
            _layout.Replace(C2paLabels.ClaimThumbnail, box);
            Thumbnail = true;
        }
        else
        {
            return null;
        }

        _layout.Replace(Binding.Label, AssertionBoxes.Cbor(Binding.Label, bindingContent, _options.Salts));
        await SignIdentitiesAsync(cancellationToken).ConfigureAwait(false);
        byte[] claim = EncodeClaim();
        int free = StoreLength - _layout.Encode(claim, new byte[_signatureSize]).Length;
        if (free < 0)
        {
            return null;
        }

        int padding = free < 8 ? free : 0;
        byte[] signature = await CoseSign1Writer.SignDetachedAsync(_signer, claim, _signatureSize + padding, _signatureHeaders, cancellationToken).ConfigureAwait(false);
        byte[] store = _layout.Encode(claim, signature);
        _store = store;
        free -= padding;
        return store.Length == StoreLength - free
            ? (store, free)
            : throw new InvalidOperationException($"The manifest store is {store.Length} bytes, not the {StoreLength - free} its room leaves.");
    }

    // The claim thumbnail's box, over a copy of the image: the generator's buffer is not ours to keep.
    private static JumbfSuperBox ThumbnailBox(string mimeType, ReadOnlyMemory<byte> image, IRandomSource? salts)
        => AssertionBoxes.EmbeddedFile(C2paLabels.ClaimThumbnail, mimeType, image.ToArray(), salts);

    // CAWG identity assertions name the hard binding, whose hash is known only after the asset is hashed: placeholders
    // of their final size are laid out now (c2pa-rs's dynamic assertions do the same), and filled in FinishAsync.
    private void ReserveIdentities()
    {
        IReadOnlyList<IdentityBinding> identities = _plan.Identities;
        for (int i = 0; i < identities.Count; i++)
        {
            var writer = new IdentityAssertionWriter(identities[i].Credential, identities[i].Roles);
            string label = IdentityAssertionWriter.LabelFor(i);
            int size = writer.ReserveSize(ReferencedAssertions());
            _identities.Add((label, writer, size));
            _layout.Add(label, AssertionBoxes.Cbor(label, new byte[size], _options.Salts));
        }
    }

    private async Task SignIdentitiesAsync(CancellationToken cancellationToken)
    {
        foreach ((string label, IdentityAssertionWriter writer, int size) in _identities)
        {
            byte[] content = await writer.CreateAsync(ReferencedAssertions(), size, cancellationToken).ConfigureAwait(false);
            _layout.Replace(label, AssertionBoxes.Cbor(label, content, _options.Salts));
        }
    }

    // Each identity vouches for every other assertion of the manifest, the hard binding included (CAWG Identity
    // Assertion 1.1 §8.1.2.1 requires the hard binding); identity assertions do not refer to one another.
    private List<HashedUri> ReferencedAssertions()
        => _layout.References(_options.C2paHashName, label => C2paLabels.StripInstance(label) != IdentityAssertionWriter.Label);

    public SigningResult Result() => new(_layout.ManifestLabel, Thumbnail, Notes) { ManifestStore = _store };

    private byte[] EncodeClaim()
        => ClaimWriter.Encode(_instanceId, _plan.ClaimGenerator, _plan.Title, _options.C2paHashName, _layout.HashedUris(_options.C2paHashName));
}
