using System.Text.Json;
using Provenance.Assertions;
using Provenance.Cbor;
using Provenance.Cryptography;
using Provenance.Formats;
using Provenance.Formats.Xmp;
using Provenance.Jumbf;
using Provenance.Manifests;
using Provenance.IO;
using Provenance.Signing;

namespace Provenance;

/// <summary>
/// Defines a manifest and signs it into an asset: who made the work (authors), how (actions, human or AI source type),
/// what may be done with it (AI training consent), and any extra assertions.
/// </summary>
/// <remarks>
/// Thread safety: configuring a builder (its properties and <c>Add</c>/<c>Set</c> methods) is not thread-safe; do it on
/// one thread. Each signing call copies the builder into an immutable plan when it starts and never changes the builder,
/// so one configured builder may sign many assets concurrently, as long as nobody configures it meanwhile. The library's
/// shared state is thread-safe (its HTTP clients, thumbnail generator and the verifier's certificate cache); the
/// <see cref="Cryptography.IClaimSigner"/> must itself allow concurrent <see cref="Cryptography.IClaimSigner.SignAsync"/>
/// calls to be shared (<see cref="Cryptography.LocalSigner"/> keeps no state but its key; the concurrency tests sign
/// from eight threads with one).
/// </remarks>
/// <example>
/// <code>
/// var builder = new ManifestBuilder { Title = "sunset.jpg" }
///     .AddAuthor("Jane Doe")
///     .SetDigitalSourceType(DigitalSourceTypes.DigitalCapture)
///     .DisallowAiTraining();
/// using LocalSigner signer = LocalSigner.FromPemFiles("chain.pem", "key.pem");
/// await builder.SignFileAsync("sunset.jpg", "sunset.signed.jpg", signer);
/// </code>
/// </example>
public sealed class ManifestBuilder
{
    private readonly List<C2paAction> _actions = [];
    private readonly List<List<C2paAction>> _uncheckedActionsAssertions = [];
    private readonly List<CreditedAuthor> _authors = [];
    private readonly List<IdentityBinding> _identities = [];
    private readonly List<AddedAssertion> _added = [];
    private readonly List<IngredientSource> _ingredients = [];
    private TrainingMiningAssertion? _trainingMining;

    /// <summary>The title of the asset (<c>dc:title</c>).</summary>
    public string? Title { get; set; }

    /// <summary>The software making the claim; Provenance by default.</summary>
    public GeneratorInfo ClaimGenerator { get; set; } = GeneratorInfo.Provenance;

    /// <summary>
    /// The digital source type of the automatic <c>c2pa.created</c> action, used when no action was added.
    /// Default: <see cref="DigitalSourceTypes.DigitalCreation"/> (made by a person with software).
    /// </summary>
    public string DigitalSourceType { get; set; } = DigitalSourceTypes.DigitalCreation;

    /// <summary>The generative model that made the work, when <see cref="MarkAsAiGenerated"/> was called.</summary>
    public GeneratorInfo? AiModel { get; private set; }

    /// <summary>Sets the title.</summary>
    public ManifestBuilder SetTitle(string title)
    {
        Title = title;
        return this;
    }

    /// <summary>
    /// Adds an action. Provenance adds the actions C2PA requires when the caller does not (C2PA 2.2 §18.14.2, §18.15.3):
    /// first <c>c2pa.created</c> (with <see cref="DigitalSourceType"/>) or, with a parent ingredient, <c>c2pa.opened</c>;
    /// and <c>c2pa.placed</c> for components that no added <c>c2pa.placed</c> action names.
    /// </summary>
    /// <param name="action">
    /// The action. Name the ingredients it acts on with <see cref="C2paAction.Ingredients"/>, using the references that
    /// <see cref="AddParent"/> and <see cref="AddComponent"/> return.
    /// </param>
    /// <exception cref="ArgumentException">
    /// The action breaks a rule of C2PA 2.2 §18.14.2 or §15.10.3.2.2 (the message names it): a second
    /// <c>c2pa.created</c>/<c>c2pa.opened</c>, or one after other actions; <c>c2pa.created</c> without a digital source
    /// type; <c>c2pa.opened</c>, <c>c2pa.placed</c> or <c>c2pa.removed</c> without ingredients, or with ingredients of the
    /// wrong relationship (opened: the parent; placed, removed: components); an ingredient of another builder.
    /// </exception>
    public ManifestBuilder AddAction(C2paAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (!UncheckedActions)
        {
            ActionComposer.CheckAdded(action, _actions, this);
        }

        _actions.Add(action);
        return this;
    }

    /// <summary>
    /// Credits an author: <c>author</c> in a <c>stds.schema-org.CreativeWork</c> assertion (with <c>identifier</c> and
    /// <c>roleName</c>) and <c>dc:creator</c> in a <c>cawg.metadata</c> assertion. Names in any script are kept exactly.
    /// </summary>
    /// <param name="name">The author's name.</param>
    /// <param name="identifier">A URL or identifier for them (ORCID, ISNI, a profile page), or null.</param>
    /// <param name="role">Their role (<c>photographer</c>, <c>illustrator</c>...), or null.</param>
    public ManifestBuilder AddAuthor(string name, string? identifier = null, string? role = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _authors.Add(new CreditedAuthor(name, NullIfBlank(identifier), NullIfBlank(role)));
        return this;
    }

    /// <summary>
    /// Who holds the copyright: <c>copyrightHolder</c> (schema.org) and <c>xmpRights:Owner</c> (CAWG metadata).
    /// </summary>
    public string? CopyrightHolder { get; set; }

    /// <summary>The URL of the licence: <c>license</c> (schema.org) and <c>xmpRights:WebStatement</c> (CAWG metadata).</summary>
    public string? License { get; set; }

    /// <summary>
    /// Whom to ask for a licence or remuneration, a URL or an e-mail address: <c>acquireLicensePage</c> (schema.org; an
    /// address as a <c>mailto:</c> URL) and <c>plus:Licensor</c>'s <c>plus:LicensorURL</c> or <c>plus:LicensorEmail</c>
    /// (CAWG metadata).
    /// </summary>
    public string? LicensingContact { get; set; }

    /// <summary>Sets <see cref="CopyrightHolder"/>.</summary>
    public ManifestBuilder SetCopyrightHolder(string holder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(holder);
        CopyrightHolder = holder;
        return this;
    }

    /// <summary>Sets <see cref="License"/> and, optionally, <see cref="LicensingContact"/>.</summary>
    public ManifestBuilder SetLicense(string licenseUrl, string? licensingContact = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(licenseUrl);
        License = licenseUrl;
        LicensingContact = NullIfBlank(licensingContact) ?? LicensingContact;
        return this;
    }

    /// <summary>Sets <see cref="LicensingContact"/>.</summary>
    public ManifestBuilder SetLicensingContact(string contact)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contact);
        LicensingContact = contact;
        return this;
    }

    /// <summary>
    /// Binds a person's or organisation's own X.509 identity to the manifest: a CAWG identity assertion
    /// (<c>cawg.identity</c>, sig_type <c>cawg.x509.cose</c>, CAWG Identity Assertion 1.1) signed by
    /// <paramref name="credential"/> over references to every other assertion, the hard binding included. It is separate
    /// from the claim signer (the tool or service that signs the manifest), which signs the claim over it.
    /// </summary>
    /// <param name="credential">The named actor's key and certificate chain (any <see cref="IClaimSigner"/>, remote ones too).</param>
    /// <param name="roles">Their roles, such as <see cref="IdentityRoles.Creator"/>; none to state no role.</param>
    public ManifestBuilder AddIdentity(IClaimSigner credential, params IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(roles);
        string[] list = [.. roles];
        if (list.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("Identity roles must be non-empty strings (CAWG Identity Assertion 1.1 §8.1.2.3).", nameof(roles));
        }

        _identities.Add(new IdentityBinding(credential, list));
        return this;
    }

    /// <summary>Sets the digital source type (a full URI, or a short IPTC name such as <c>digitalCapture</c>).</summary>
    /// <exception cref="ArgumentException">The name is not a known IPTC digital source type.</exception>
    public ManifestBuilder SetDigitalSourceType(string nameOrUri)
    {
        DigitalSourceType = DigitalSourceTypes.Resolve(nameOrUri)
            ?? throw new ArgumentException($"'{nameOrUri}' is not a known digital source type.", nameof(nameOrUri));
        return this;
    }

    /// <summary>Declares the work as generated by AI (<c>trainedAlgorithmicMedia</c>), optionally naming the model.</summary>
    public ManifestBuilder MarkAsAiGenerated(string? modelName = null, string? modelVersion = null)
    {
        DigitalSourceType = DigitalSourceTypes.TrainedAlgorithmicMedia;
        AiModel = modelName is null ? null : new GeneratorInfo(modelName, modelVersion);
        return this;
    }

    /// <summary>States that the work may not be used for data mining, AI inference or AI training (CAWG training-mining).</summary>
    public ManifestBuilder DisallowAiTraining() => SetTrainingMining(TrainingMiningAssertion.NotAllowedForAi());

    /// <summary>Sets the training and data-mining policy (a <c>cawg.training-mining</c> assertion), replacing any set before.</summary>
    public ManifestBuilder SetTrainingMining(TrainingMiningAssertion assertion)
    {
        _trainingMining = assertion ?? throw new ArgumentNullException(nameof(assertion));
        return this;
    }

    /// <summary>
    /// Sets one use of the training and data-mining policy (CAWG training-and-data-mining 1.1), keeping the others.
    /// </summary>
    /// <param name="use">
    /// <see cref="TrainingMiningAssertion.AiTraining"/>, <see cref="TrainingMiningAssertion.AiGenerativeTraining"/>,
    /// <see cref="TrainingMiningAssertion.DataMining"/>, <see cref="TrainingMiningAssertion.AiInference"/> (or their short
    /// names such as <c>ai_training</c>), or another namespaced key.
    /// </param>
    /// <param name="permission">Allowed, not allowed, or constrained.</param>
    /// <param name="constraintInfo">With <see cref="TrainingMiningUse.Constrained"/>: the terms (text or a URL).</param>
    /// <exception cref="ArgumentException"><paramref name="constraintInfo"/> is given for a use that is not constrained.</exception>
    public ManifestBuilder SetTrainingPolicy(string use, TrainingMiningUse permission, string? constraintInfo = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(use);
        _trainingMining = (_trainingMining ?? TrainingMiningAssertion.Empty).With(use, permission, constraintInfo);
        return this;
    }

    /// <summary>The training and data-mining policy set so far, or null.</summary>
    public TrainingMiningAssertion? TrainingMining => _trainingMining;

    /// <summary>
    /// Adds an earlier work as an ingredient (C2PA 2.2 §18.15). If it carries C2PA manifests they are validated and
    /// carried into the new store, so the chain of edits can be verified. A parent makes the first action
    /// <c>c2pa.opened</c>; components get a <c>c2pa.placed</c> action.
    /// </summary>
    /// <exception cref="ArgumentException">A second parent (a manifest has at most one, C2PA 2.2 §15.11).</exception>
    public ManifestBuilder AddIngredient(string path, IngredientRelationship relationship, string? title = null)
    {
        Add(path, relationship, title);
        return this;
    }

    /// <summary>
    /// Adds the work this one was edited from (a <c>parentOf</c> ingredient, C2PA 2.2 §18.15.2). The manifest starts with
    /// a <c>c2pa.opened</c> action naming it: Provenance's own, or one added with <see cref="AddAction"/> whose
    /// <see cref="C2paAction.Ingredients"/> holds the returned reference.
    /// </summary>
    /// <param name="path">The parent file; its manifests, if any, are validated and carried into the new store.</param>
    /// <param name="title">Its title; the file name by default.</param>
    /// <returns>A reference for actions to name the parent by.</returns>
    /// <exception cref="ArgumentException">A parent was already added (a manifest has at most one, C2PA 2.2 §15.11).</exception>
    public IngredientReference AddParent(string path, string? title = null) => Add(path, IngredientRelationship.ParentOf, title);

    /// <summary>
    /// Adds a work placed into this one (a <c>componentOf</c> ingredient, C2PA 2.2 §18.15.2). A <c>c2pa.placed</c> action
    /// names it: one added with <see cref="AddAction"/> whose <see cref="C2paAction.Ingredients"/> holds the returned
    /// reference, or else Provenance's own.
    /// </summary>
    /// <param name="path">The component file; its manifests, if any, are validated and carried into the new store.</param>
    /// <param name="title">Its title; the file name by default.</param>
    /// <returns>A reference for actions to name the component by.</returns>
    public IngredientReference AddComponent(string path, string? title = null) => Add(path, IngredientRelationship.ComponentOf, title);

    /// <summary>
    /// Adds an input of the process that made the work, given as data: a prompt (<c>text/plain</c>), a data-set card
    /// (<c>application/json</c>, <c>text/markdown</c>), a reference image, in any format (an <c>inputTo</c> ingredient,
    /// C2PA 2.2 §18.15.2). The bytes are embedded in the manifest as a <c>c2pa.embedded-data</c> assertion that the
    /// ingredient's <c>data</c> names by hashed URI, so they are bound by the signature; they are never parsed as media.
    /// To carry the manifests of a C2PA-signed input instead, use <see cref="AddIngredient"/> with
    /// <see cref="IngredientRelationship.InputTo"/>.
    /// </summary>
    /// <param name="path">The input file; it is read when the manifest is signed.</param>
    /// <param name="mediaType">Its media type, for example <c>text/plain</c>.</param>
    /// <param name="title">Its title; the file name by default.</param>
    /// <param name="dataType">What it is, from <see cref="AssetTypes"/> (for example <see cref="AssetTypes.GeneratorPrompt"/>), or null.</param>
    /// <returns>A reference for actions to name the input by (for example the <c>c2pa.created</c> action of a generator).</returns>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ in their first parameter (a path or the bytes), so no call is ambiguous; both shipped together.")]
    public IngredientReference AddInput(string path, string mediaType, string? title = null, string? dataType = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(mediaType);
        return Add(new IngredientSource(path, IngredientRelationship.InputTo, title, null, mediaType, dataType));
    }

    /// <summary>
    /// Adds an input given in memory: see <see cref="AddInput(string, string, string?, string?)"/>.
    /// </summary>
    /// <param name="data">The input's bytes, for example a prompt in UTF-8; copied.</param>
    /// <param name="mediaType">Its media type, for example <c>text/plain</c>.</param>
    /// <param name="title">Its title.</param>
    /// <param name="dataType">What it is, from <see cref="AssetTypes"/>, or null.</param>
    /// <returns>A reference for actions to name the input by.</returns>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ in their first parameter (a path or the bytes), so no call is ambiguous; both shipped together.")]
    public IngredientReference AddInput(ReadOnlySpan<byte> data, string mediaType, string title, string? dataType = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(mediaType);
        ArgumentException.ThrowIfNullOrEmpty(title);
        return Add(new IngredientSource(title, IngredientRelationship.InputTo, title, data.ToArray(), mediaType, dataType));
    }

    private IngredientReference Add(string path, IngredientRelationship relationship, string? title)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (relationship == IngredientRelationship.ParentOf && _ingredients.Any(i => i.Relationship == IngredientRelationship.ParentOf))
        {
            throw new ArgumentException("A manifest has at most one parent ingredient.", nameof(relationship));
        }

        return Add(new IngredientSource(path, relationship, title));
    }

    private IngredientReference Add(IngredientSource source)
    {
        var reference = new IngredientReference(this, _ingredients.Count, source.Relationship, source.Path);
        _ingredients.Add(source);
        return reference;
    }

    /// <summary>
    /// Adds an assertion with CBOR content (a <c>cbor</c> box) under <paramref name="label"/>, from its encoded bytes
    /// (for example written with <c>System.Formats.Cbor.CborWriter</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The bytes are not exactly one well-formed CBOR item.</exception>
    public ManifestBuilder AddCborAssertion(string label, ReadOnlySpan<byte> encodedCbor)
    {
        ArgumentException.ThrowIfNullOrEmpty(label);
        CborValue content;
        try
        {
            content = CborValue.Decode(encodedCbor.ToArray());
        }
        catch (ProvenanceFormatException ex)
        {
            throw new ArgumentException($"Assertion {label} is not well-formed CBOR: {ex.Message}", nameof(encodedCbor), ex);
        }

        return AddAssertion(label, content);
    }

    /// <summary>Adds an assertion with CBOR content under <paramref name="label"/>.</summary>
    internal ManifestBuilder AddAssertion(string label, CborValue content)
    {
        ArgumentException.ThrowIfNullOrEmpty(label);
        ArgumentNullException.ThrowIfNull(content);
        ThrowIfReserved(label);
        _added.Add(new AddedAssertion(label, content.Encode()));
        return this;
    }

    /// <summary>Adds an assertion with JSON content (a <c>json</c> box) under <paramref name="label"/>.</summary>
    /// <exception cref="ArgumentException">The text is not valid JSON.</exception>
    public ManifestBuilder AddJsonAssertion(string label, string json)
    {
        ArgumentException.ThrowIfNullOrEmpty(label);
        ThrowIfReserved(label);
        try
        {
            using JsonDocument _ = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"Assertion {label} is not valid JSON: {ex.Message}", nameof(json), ex);
        }

        _added.Add(new AddedAssertion(label, ReadOnlyMemory<byte>.Empty, json));
        return this;
    }

    /// <summary>Signs <paramref name="input"/> into <paramref name="output"/>; the format is detected from content.</summary>
    /// <param name="input">The asset. If it is not seekable it is buffered to a temporary file first.</param>
    /// <param name="output">Receives the signed asset. When seekable, only the reserved manifest bytes are written twice.</param>
    /// <param name="signer">The claim signer.</param>
    /// <param name="options">Options, or null for the defaults.</param>
    /// <param name="cancellationToken">Cancels signing.</param>
    /// <exception cref="UnsupportedFormatException">
    /// The input is not a supported format, or uses a feature signing would corrupt (a HEIF item located through a data
    /// reference); refused before anything is written.
    /// </exception>
    /// <exception cref="ProvenanceFormatException">The input is not a well-formed asset; refused before anything is written.</exception>
    /// <exception cref="ProvenanceSigningException">
    /// The signer's signature cannot be used (DER instead of IEEE P1363, a wrong length, a key that does not match its
    /// certificate), or the output failed verification after signing (<see cref="SigningOptions.VerifyAfterSign"/>).
    /// The output stream may then hold partial bytes.
    /// </exception>
    /// <returns>What was signed: the manifest label, whether a thumbnail was embedded, and notes for the user.</returns>
    /// <exception cref="TimeoutException">It took longer than <see cref="SigningOptions.Timeout"/>.</exception>
    public Task<SigningResult> SignAsync(Stream input, Stream output, IClaimSigner signer, SigningOptions? options = null, CancellationToken cancellationToken = default)
        => WithinTimeoutAsync(options, token => SignCoreAsync(input, output, signer, options, token), cancellationToken);

    private async Task<SigningResult> SignCoreAsync(Stream input, Stream output, IClaimSigner signer, SigningOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(signer);
        options ??= SigningOptions.Default;
        if (!input.CanSeek)
        {
            await using Stream buffered = await options.ReadOptions.BufferAsync(input, cancellationToken).ConfigureAwait(false);
            return await SignCoreAsync(buffered, output, signer, options, cancellationToken).ConfigureAwait(false);
        }

        IAssetFormat format = AssetFormats.Detect(input)
            ?? throw SupportedFormats.NotRecognised("the input", SupportedFormats.ForSigning);
        if (options.RemoteManifestUrl is not { } url)
        {
            return await ManifestSigner.SignAsync(input, output, format.CreateHandler(), ToPlan(), signer, options, cancellationToken).ConfigureAwait(false);
        }

        // The reference is written first, so the hash binds it like any other byte; the store is embedded as well.
        await using FileStream referenced = await WithRemoteReferenceAsync(input, format, url, options.ReadOptions, cancellationToken).ConfigureAwait(false);
        return await ManifestSigner.SignAsync(referenced, output, format.CreateHandler(), ToPlan(), signer, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Signs an asset without changing it: the manifest store goes to <paramref name="manifestStore"/>, to be kept beside
    /// the asset as a sidecar (<c>photo.c2pa</c> beside <c>photo.jpg</c>, C2PA 2.2 §11.2). The store's hard binding
    /// covers every byte of the asset (a data hash with no exclusion; the BMFF hash for MP4, MOV, M4A, HEIF, AVIF).
    /// </summary>
    /// <param name="asset">The asset, read from its current position; never written.</param>
    /// <param name="manifestStore">Receives the manifest store (<c>application/c2pa</c>).</param>
    /// <param name="signer">The claim signer.</param>
    /// <param name="options">Options, or null for the defaults; <see cref="SigningOptions.RemoteManifestUrl"/> must be null (a reference would change the asset: use <see cref="SignRemoteAsync"/>).</param>
    /// <param name="cancellationToken">Cancels signing.</param>
    /// <exception cref="UnsupportedFormatException">The asset is not a supported format.</exception>
    /// <exception cref="InvalidOperationException">The asset already embeds a manifest store.</exception>
    /// <exception cref="ProvenanceSigningException">As <see cref="SignAsync(Stream, Stream, IClaimSigner, SigningOptions?, CancellationToken)"/>; nothing is written to <paramref name="manifestStore"/>.</exception>
    /// <exception cref="TimeoutException">It took longer than <see cref="SigningOptions.Timeout"/>.</exception>
    public Task<SigningResult> SignSidecarAsync(Stream asset, Stream manifestStore, IClaimSigner signer, SigningOptions? options = null, CancellationToken cancellationToken = default)
        => WithinTimeoutAsync(options, token => SignSidecarCoreAsync(asset, manifestStore, signer, options, token), cancellationToken);

    private async Task<SigningResult> SignSidecarCoreAsync(Stream asset, Stream manifestStore, IClaimSigner signer, SigningOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(asset);
        ArgumentNullException.ThrowIfNull(manifestStore);
        ArgumentNullException.ThrowIfNull(signer);
        options ??= SigningOptions.Default;
        if (options.RemoteManifestUrl is not null)
        {
            throw new ArgumentException("A sidecar leaves the asset unchanged, so it cannot reference a remote manifest; use SignRemoteAsync.", nameof(options));
        }

        if (!asset.CanSeek)
        {
            await using Stream buffered = await options.ReadOptions.BufferAsync(asset, cancellationToken).ConfigureAwait(false);
            return await SignSidecarCoreAsync(buffered, manifestStore, signer, options, cancellationToken).ConfigureAwait(false);
        }

        IAssetFormat format = AssetFormats.Detect(asset)
            ?? throw SupportedFormats.NotRecognised("the asset", SupportedFormats.ForReading);
        return await DetachedSigner.SignAsync(asset, manifestStore, format.CreateHandler(), ToPlan(), signer, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Signs a file into a sidecar beside it (by default the same name with the extension <c>.c2pa</c>, which
    /// <see cref="ManifestVerifier.VerifyFileAsync"/> finds). The asset is not changed; the sidecar is written to a
    /// temporary file and moved into place only when complete and verified.
    /// </summary>
    /// <exception cref="UnsupportedFormatException">The asset is not a supported format.</exception>
    /// <exception cref="InvalidOperationException">The asset already embeds a manifest store.</exception>
    /// <exception cref="TimeoutException">It took longer than <see cref="SigningOptions.Timeout"/>.</exception>
    public Task<SigningResult> SignSidecarFileAsync(string assetPath, string? sidecarPath, IClaimSigner signer, SigningOptions? options = null, CancellationToken cancellationToken = default)
        => WithinTimeoutAsync(options, token => SignSidecarFileCoreAsync(assetPath, sidecarPath, signer, options, token), cancellationToken);

    private async Task<SigningResult> SignSidecarFileCoreAsync(string assetPath, string? sidecarPath, IClaimSigner signer, SigningOptions? options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(assetPath);
        SigningResult? result = null;
        await TemporaryFiles.WriteAtomicallyAsync(
            sidecarPath ?? ManifestVerifier.SidecarPath(assetPath),
            async store =>
            {
                await using FileStream asset = new(assetPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
                result = await SignSidecarCoreAsync(asset, store, signer, options, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
        return result!;
    }

    /// <summary>
    /// Signs an asset whose manifest store is published elsewhere (C2PA 2.2 §11.3): <paramref name="output"/> receives
    /// the asset with an XMP reference to <see cref="SigningOptions.RemoteManifestUrl"/> and no embedded store;
    /// <paramref name="manifestStore"/> receives the store, to be served at that URL. The hash binds the reference too.
    /// </summary>
    /// <exception cref="ArgumentException"><see cref="SigningOptions.RemoteManifestUrl"/> is not set.</exception>
    /// <exception cref="UnsupportedFormatException">The asset is not JPEG, PNG or ISO BMFF (the formats whose XMP is written).</exception>
    /// <exception cref="InvalidOperationException">The asset already embeds a manifest store.</exception>
    /// <exception cref="TimeoutException">It took longer than <see cref="SigningOptions.Timeout"/>.</exception>
    public async Task<SigningResult> SignRemoteAsync(Stream input, Stream output, Stream manifestStore, IClaimSigner signer, SigningOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return await WithinTimeoutAsync(options, token => SignRemoteCoreAsync(input, output, manifestStore, signer, options, token), cancellationToken).ConfigureAwait(false);
    }

    // SigningOptions.Timeout: the whole signing runs under a budget; its expiry, not the caller's token, is a timeout.
    private static Task<SigningResult> WithinTimeoutAsync(SigningOptions? options, Func<CancellationToken, Task<SigningResult>> sign, CancellationToken cancellationToken)
        => Deadline.RunAsync(options?.Timeout, "Signing", "SigningOptions.Timeout", sign, cancellationToken);

    private async Task<SigningResult> SignRemoteCoreAsync(Stream input, Stream output, Stream manifestStore, IClaimSigner signer, SigningOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(manifestStore);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(options);
        Uri url = options.RemoteManifestUrl ?? throw new ArgumentException("SignRemoteAsync needs SigningOptions.RemoteManifestUrl, the URL the store will be served at.", nameof(options));
        if (!input.CanSeek)
        {
            await using Stream buffered = await options.ReadOptions.BufferAsync(input, cancellationToken).ConfigureAwait(false);
            return await SignRemoteCoreAsync(buffered, output, manifestStore, signer, options, cancellationToken).ConfigureAwait(false);
        }

        IAssetFormat format = AssetFormats.Detect(input)
            ?? throw SupportedFormats.NotRecognised("the input", SupportedFormats.ForSigning);
        await using FileStream referenced = await WithRemoteReferenceAsync(input, format, url, options.ReadOptions, cancellationToken).ConfigureAwait(false);
        // The store is written last, from the result, so that a failure writing the asset leaves nothing to publish.
        SigningResult result = await DetachedSigner.SignAsync(referenced, Stream.Null, format.CreateHandler(), ToPlan(), signer, options, cancellationToken).ConfigureAwait(false);
        referenced.Position = 0;
        await referenced.CopyToAsync(output, 1 << 20, cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        await manifestStore.WriteAsync(result.ManifestStore, cancellationToken).ConfigureAwait(false);
        await manifestStore.FlushAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    // The input with its XMP referencing the remote store, in a temporary file deleted when closed.
    private static async Task<FileStream> WithRemoteReferenceAsync(Stream input, IAssetFormat format, Uri url, AssetReadOptions readOptions, CancellationToken cancellationToken)
    {
        using var window = new SubStream(input, input.Position);
        EmbeddingPlan plan = XmpReferenceWriter.Plan(window, format.CreateHandler(), url, readOptions, cancellationToken);
        FileStream staged = TemporaryFiles.CreateDeleteOnClose(readOptions.TemporaryDirectory);
        try
        {
            await EmbeddingWriter.WriteAsync(window, staged, plan, ReadOnlyMemory<byte>.Empty, observer: null, progress: null, cancellationToken).ConfigureAwait(false);
            staged.Position = 0;
            return staged;
        }
        catch
        {
            await staged.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Synchronous <see cref="SignAsync(Stream, Stream, IClaimSigner, SigningOptions?, CancellationToken)"/>.</summary>
    public SigningResult Sign(Stream input, Stream output, IClaimSigner signer, SigningOptions? options = null)
        => SignAsync(input, output, signer, options).GetAwaiter().GetResult();

    /// <summary>
    /// Signs a file into a new file. The output is written to a temporary file beside it and moved into place only when
    /// complete (and, by default, verified: <see cref="SigningOptions.VerifyAfterSign"/>), so a failure or cancellation
    /// never leaves a partial or invalid output, and signing a file onto itself is safe.
    /// </summary>
    /// <exception cref="UnsupportedFormatException">The input is not a supported format, or uses a feature signing would corrupt.</exception>
    /// <exception cref="ProvenanceFormatException">The input is not a well-formed asset.</exception>
    /// <exception cref="ProvenanceSigningException">The signature cannot be used, or the output failed verification; no output file is left.</exception>
    /// <exception cref="TimeoutException">It took longer than <see cref="SigningOptions.Timeout"/>.</exception>
    public Task<SigningResult> SignFileAsync(string inputPath, string outputPath, IClaimSigner signer, SigningOptions? options = null, CancellationToken cancellationToken = default)
        => WithinTimeoutAsync(options, token => SignFileCoreAsync(inputPath, outputPath, signer, options, token), cancellationToken);

    private async Task<SigningResult> SignFileCoreAsync(string inputPath, string outputPath, IClaimSigner signer, SigningOptions? options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(inputPath);
        ArgumentException.ThrowIfNullOrEmpty(outputPath);
        SigningResult? result = null;
        await TemporaryFiles.WriteAtomicallyAsync(
            outputPath,
            async output =>
            {
                await using FileStream input = new(inputPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
                result = await SignCoreAsync(input, output, signer, options, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
        return result!;
    }

    /// <summary>
    /// Signs an MP4/MOV/M4A in place, writing only the room its exporter reserved right after <c>ftyp</c> (a <c>free</c>
    /// box, or an earlier C2PA box with the free space after it). The file is read once to hash it; no media byte moves.
    /// Use it for very large exports made with a placeholder; anything else is signed to a new file.
    /// </summary>
    /// <param name="asset">The file, open for reading and writing.</param>
    /// <param name="signer">The claim signer.</param>
    /// <param name="options">Options, or null for the defaults.</param>
    /// <param name="cancellationToken">
    /// Cancels signing; the file is untouched until the last step, a single write of the reserved bytes, which is put
    /// back as it was if that write fails (a full disk), the store does not validate, or verification is cancelled.
    /// </param>
    /// <exception cref="InvalidOperationException">The asset is not ISO BMFF, or the reserved room is too small.</exception>
    /// <exception cref="ProvenanceSigningException">
    /// The signature cannot be used (the file is untouched), or the written store failed verification (the reserved
    /// bytes are restored).
    /// </exception>
    /// <exception cref="TimeoutException">It took longer than <see cref="SigningOptions.Timeout"/>.</exception>
    public Task<SigningResult> SignInPlaceAsync(Stream asset, IClaimSigner signer, SigningOptions? options = null, CancellationToken cancellationToken = default)
        => WithinTimeoutAsync(options, token => SignInPlaceCoreAsync(asset, signer, options, token), cancellationToken);

    private async Task<SigningResult> SignInPlaceCoreAsync(Stream asset, IClaimSigner signer, SigningOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(asset);
        ArgumentNullException.ThrowIfNull(signer);
        if (!asset.CanSeek || !asset.CanRead || !asset.CanWrite)
        {
            throw new ArgumentException("Signing in place needs a readable, writable, seekable stream.", nameof(asset));
        }

        if (AssetFormats.Detect(asset)?.CreateHandler() is not Formats.Bmff.BmffHandler handler)
        {
            throw new InvalidOperationException("Only ISO BMFF files (MP4, MOV, M4A, HEIF, HEIC, AVIF) can be signed in place.");
        }

        return await ManifestSigner.SignInPlaceAsync(asset, handler, ToPlan(), signer, options ?? SigningOptions.Default, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Copies an MP4/MOV/M4A with a <c>free</c> box of <paramref name="bytes"/> bytes right after <c>ftyp</c> (and no C2PA
    /// box): the room <see cref="SignInPlaceAsync"/> fills later, as an exporter would leave it.
    /// </summary>
    /// <param name="input">The asset, readable and seekable.</param>
    /// <param name="output">Where the copy is written.</param>
    /// <param name="bytes">The room to reserve, in bytes.</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    /// <exception cref="InvalidOperationException">The asset is not ISO BMFF.</exception>
    /// <exception cref="ProvenanceFormatException">The asset is malformed.</exception>
    public static async Task ReserveInPlaceRoomAsync(Stream input, Stream output, long bytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytes);
        if (AssetFormats.Detect(input)?.CreateHandler() is not Formats.Bmff.BmffHandler handler)
        {
            throw new InvalidOperationException("Only ISO BMFF files (MP4, MOV, M4A, HEIF, HEIC, AVIF) can have room reserved for signing in place.");
        }

        // No options are taken here, so the default read limits apply: this is the entry point that chooses them.
        EmbeddingPlan plan = handler.PlanReservation(input, bytes, AssetReadOptions.Default, cancellationToken);
        await EmbeddingWriter.WriteAsync(input, output, plan, ReadOnlyMemory<byte>.Empty, progress: null, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Signs a fragmented asset delivered as an init segment and media segments (DASH, CMAF; C2PA 2.2 §A.5.4) into
    /// <paramref name="outputDirectory"/>, keeping file names: the init segment carries the manifest, and every segment a
    /// Merkle box, so each segment can be verified with the init segment alone
    /// (<see cref="ManifestVerifier.VerifyFragmentAsync"/>).
    /// </summary>
    /// <remarks>
    /// Verification after signing (<see cref="SigningOptions.VerifyAfterSign"/>) reads the signed init segment back and
    /// checks its signature and its <c>initHash</c>; each media segment's leaf is hashed from the written segment itself.
    /// </remarks>
    /// <exception cref="TimeoutException">It took longer than <see cref="SigningOptions.Timeout"/>.</exception>
    public Task<SigningResult> SignFragmentedAsync(string initSegmentPath, IReadOnlyList<string> mediaSegmentPaths, string outputDirectory, IClaimSigner signer, SigningOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(initSegmentPath);
        ArgumentNullException.ThrowIfNull(mediaSegmentPaths);
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        ArgumentNullException.ThrowIfNull(signer);
        options ??= SigningOptions.Default;
        return WithinTimeoutAsync(options, token => FragmentedSigner.SignAsync(initSegmentPath, mediaSegmentPaths, outputDirectory, ToPlan(), signer, options, token), cancellationToken);
    }

    /// <summary>What the builder says now, as data for the signing pipelines (a snapshot: later changes do not reach it).</summary>
    internal ManifestPlan ToPlan() => new()
    {
        Title = Title,
        ClaimGenerator = ClaimGenerator,
        DigitalSourceType = DigitalSourceType,
        AiModel = AiModel,
        Actions = [.. _actions],
        UncheckedActions = UncheckedActions,
        UncheckedActionsAssertions = [.. _uncheckedActionsAssertions.Select(a => (IReadOnlyList<C2paAction>)[.. a])],
        Authors = [.. _authors],
        CopyrightHolder = CopyrightHolder,
        License = License,
        LicensingContact = LicensingContact,
        TrainingMining = _trainingMining,
        AddedAssertions = [.. _added],
        Identities = [.. _identities],
        Ingredients = [.. _ingredients],
    };

    /// <summary>
    /// Test hook: write the added actions exactly as given (ingredient references still resolved), without Provenance's
    /// own actions and without checking any rule, so that tests can sign manifests that break them. Set it before
    /// adding actions.
    /// </summary>
    internal bool UncheckedActions { get; set; }

    /// <summary>Test hook: adds a further actions assertion (<c>c2pa.actions.v2__1</c>, ...), written unchecked.</summary>
    internal ManifestBuilder AddUncheckedActionsAssertion(IEnumerable<C2paAction> actions)
    {
        _uncheckedActionsAssertions.Add([.. actions]);
        return this;
    }

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static void ThrowIfReserved(string label)
    {
        if (C2paLabels.IsHardBinding(label) || C2paLabels.StripInstance(label) is C2paLabels.ActionsV2 or C2paLabels.Actions or C2paLabels.CawgIdentity)
        {
            throw new ArgumentException($"Assertion {label} is written by Provenance itself; use the builder's methods.", nameof(label));
        }
    }
}
