using Provenance.Assertions;
using Provenance.Validation.Identity;

namespace Provenance.Validation;

/// <summary>What one manifest says: the claim, its assertions, signer and ingredients.</summary>
public sealed class ManifestReport
{
    /// <summary>The manifest label.</summary>
    public required string Label { get; init; }

    /// <summary><c>dc:title</c>.</summary>
    public string? Title { get; init; }

    /// <summary>The instance ID of the claim.</summary>
    public string? InstanceId { get; init; }

    /// <summary>The software that made the claim.</summary>
    public IReadOnlyList<GeneratorInfo> ClaimGenerator { get; init; } = [];

    /// <summary>The claim version (1 or 2).</summary>
    public int ClaimVersion { get; init; }

    /// <summary>The assertions, in store order.</summary>
    public IReadOnlyList<AssertionInfo> Assertions { get; init; } = [];

    /// <summary>The actions (from <c>c2pa.actions.v2</c> or <c>c2pa.actions</c>).</summary>
    public IReadOnlyList<C2paAction> Actions { get; init; } = [];

    /// <summary>The ingredients.</summary>
    public IReadOnlyList<IngredientInfo> Ingredients { get; init; } = [];

    /// <summary>
    /// The credited authors' names (schema.org CreativeWork <c>author</c>, or else CAWG metadata <c>dc:creator</c>);
    /// <see cref="CreditedAuthors"/> has their identifiers and roles.
    /// </summary>
    public IReadOnlyList<string> Authors { get; init; } = [];

    /// <summary>
    /// The credited authors with their identifiers (URL, ORCID...) and roles: schema.org CreativeWork <c>author</c>
    /// (<c>name</c>, <c>identifier</c>, <c>roleName</c>), or else CAWG metadata <c>dc:creator</c> (names only).
    /// JSON: <c>credit.authors[]</c> with <c>name</c>, <c>identifier</c>, <c>role</c>.
    /// </summary>
    public IReadOnlyList<CreditedAuthor> CreditedAuthors { get; init; } = [];

    /// <summary>
    /// Who holds the copyright: schema.org <c>copyrightHolder</c>, or else CAWG metadata <c>xmpRights:Owner</c>.
    /// JSON: <c>credit.copyright_holder</c>.
    /// </summary>
    public string? CopyrightHolder { get; init; }

    /// <summary>
    /// The licence URL: schema.org <c>license</c>, or else CAWG metadata <c>xmpRights:WebStatement</c>.
    /// JSON: <c>credit.license</c>.
    /// </summary>
    public string? License { get; init; }

    /// <summary>
    /// Whom to ask for a licence or remuneration (URL or e-mail address): CAWG metadata <c>plus:Licensor</c>
    /// (<c>plus:LicensorEmail</c> or <c>plus:LicensorURL</c>), or else schema.org <c>acquireLicensePage</c>.
    /// JSON: <c>credit.licensing_contact</c>.
    /// </summary>
    public string? LicensingContact { get; init; }

    /// <summary>
    /// The training and data-mining policy, if stated (<c>cawg.training-mining</c>, or the C2PA 1.x
    /// <c>c2pa.training-mining</c>); read a use with <see cref="TrainingMiningAssertion.TryGetEntry"/>, which gives its
    /// <c>constraint_info</c> too. JSON: <c>training_mining.&lt;use&gt;</c> with <c>use</c> and <c>constraint_info</c>.
    /// </summary>
    public TrainingMiningAssertion? TrainingMining { get; init; }

    /// <summary>The signer (issuer, common name, time-stamp, trust); null when the signature could not be read.</summary>
    public SignatureInfo? Signature { get; init; }

    /// <summary>
    /// Whether the manifest's own checks passed (claim signature valid inside the signer's validity; assertions and
    /// actions intact; an untrusted signer is tolerated); null when it was not validated, because nothing on the chain
    /// from the active manifest led to it. The content binding of the active manifest is
    /// <see cref="ValidationReport.ContentIntact"/>, its ingredients' checks are on <see cref="Ingredients"/>.
    /// </summary>
    public bool? Validated { get; init; }

    /// <summary>
    /// The CAWG identity assertions (<c>cawg.identity</c>): who, besides the claim signer, vouches for this manifest,
    /// in which roles, and whether that held up. Empty when the manifest has none or was not validated.
    /// </summary>
    public IReadOnlyList<IdentityInfo> Identities { get; init; } = [];
}
