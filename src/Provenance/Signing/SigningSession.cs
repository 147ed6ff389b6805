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
    private byte[] _store = [];

    private SigningSession(StoreLayout layout, ManifestPlan plan, IClaimSigner signer, SigningOptions options, IHardBinding binding, List<string> notes, bool thumbnail, ReadOnlyMemory<byte>? ocspResponse)
    {
        _layout = layout;
        _instanceId = "xmp:iid:" + options.Randomness.NewGuid().ToString();
        _plan = plan;
        _signer = signer;
        _options = options;
        Binding = binding;
        Notes = notes;
        Thumbnail = thumbnail;
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

    public bool Thumbnail { get; }

    public static async Task<SigningSession> StartAsync(Stream input, IHardBinding binding, ManifestPlan plan, IClaimSigner signer, SigningOptions options, CancellationToken cancellationToken)
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
        bool thumbnail = false;
        if (options.Thumbnails is { } generator)
        {
            MadeThumbnail made = await CreateThumbnailAsync(input, generator, cancellationToken).ConfigureAwait(false);
            if (made.HasImage)
            {
                layout.Add(C2paLabels.ClaimThumbnail, AssertionBoxes.EmbeddedFile(C2paLabels.ClaimThumbnail, made.MimeType!, made.Data.ToArray(), options.Salts));
                thumbnail = true;
            }
            else
            {
                notes.Add(made.Problem!);
            }
        }

        ReadOnlyMemory<byte>? ocspResponse = await OcspStapler.PrepareAsync(signer, options, notes, cancellationToken).ConfigureAwait(false);
        return new SigningSession(layout, plan, signer, options, binding, notes, thumbnail, ocspResponse);
    }

    // The generator reads the asset from where signing starts and gets the MIME type its content declares; the position
    // is restored whatever it does. Its exceptions (other than cancellation) become a note: a thumbnail is optional.
    private static async Task<MadeThumbnail> CreateThumbnailAsync(Stream input, IThumbnailGenerator generator, CancellationToken cancellationToken)
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
