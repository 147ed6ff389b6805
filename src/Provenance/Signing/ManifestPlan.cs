using Provenance.Assertions;
using Provenance.Cryptography;
using Provenance.Jumbf;
using Provenance.Manifests;

namespace Provenance.Signing;

/// <summary>
/// What one manifest will say, fixed when signing starts: the facade's builder hands it down as data, so the signing
/// pipelines never see the builder (a layer below the facade) and a builder changed while a long signing runs changes
/// nothing. Every list is a copy.
/// </summary>
internal sealed record ManifestPlan
{
    /// <summary>The title (<c>dc:title</c>), or null.</summary>
    public string? Title { get; init; }

    /// <summary>The software making the claim.</summary>
    public required GeneratorInfo ClaimGenerator { get; init; }

    /// <summary>The digital source type of the automatic <c>c2pa.created</c> action.</summary>
    public required string DigitalSourceType { get; init; }

    /// <summary>The generative model that made the work, or null.</summary>
    public GeneratorInfo? AiModel { get; init; }

    /// <summary>The caller's actions, in the order added.</summary>
    public IReadOnlyList<C2paAction> Actions { get; init; } = [];

    /// <summary>Test hook: the actions are written exactly as given, with none of Provenance's own and no rule checked.</summary>
    public bool UncheckedActions { get; init; }

    /// <summary>Test hook: further actions assertions (<c>c2pa.actions.v2__1</c>, ...), written unchecked.</summary>
    public IReadOnlyList<IReadOnlyList<C2paAction>> UncheckedActionsAssertions { get; init; } = [];

    /// <summary>The credited authors.</summary>
    public IReadOnlyList<CreditedAuthor> Authors { get; init; } = [];

    /// <summary>Who holds the copyright, or null.</summary>
    public string? CopyrightHolder { get; init; }

    /// <summary>The licence URL, or null.</summary>
    public string? License { get; init; }

    /// <summary>Whom to ask for a licence, or null.</summary>
    public string? LicensingContact { get; init; }

    /// <summary>The training and data-mining policy, or null.</summary>
    public TrainingMiningAssertion? TrainingMining { get; init; }

    /// <summary>The assertions the caller added by label, in the order added.</summary>
    public IReadOnlyList<AddedAssertion> AddedAssertions { get; init; } = [];

    /// <summary>The CAWG identities to bind, in the order added.</summary>
    public IReadOnlyList<IdentityBinding> Identities { get; init; } = [];

    /// <summary>The ingredients, in the order added.</summary>
    public IReadOnlyList<IngredientSource> Ingredients { get; init; } = [];
}

/// <summary>An assertion added by label: encoded CBOR content, or JSON text when <paramref name="Json"/> is set.</summary>
/// <param name="Label">The assertion's label.</param>
/// <param name="Cbor">The encoded CBOR content (empty for JSON).</param>
/// <param name="Json">The JSON text, or null for CBOR.</param>
internal sealed record AddedAssertion(string Label, ReadOnlyMemory<byte> Cbor, string? Json = null)
{
    /// <summary>The assertion's box (<c>cbor</c> or <c>json</c>), salted from <paramref name="salted"/>, or unsalted when it is null.</summary>
    public JumbfSuperBox ToBox(IRandomSource? salted)
        => Json is null ? AssertionBoxes.Cbor(Label, Cbor, salted) : AssertionBoxes.Json(Label, Json, salted);
}

/// <summary>A CAWG identity to bind: the named actor's credential and roles.</summary>
/// <param name="Credential">Their key and certificate chain.</param>
/// <param name="Roles">Their roles (none states no role).</param>
internal sealed record IdentityBinding(IClaimSigner Credential, IReadOnlyList<string> Roles);
