namespace Provenance.Assertions;

/// <summary>The named-actor roles of CAWG Identity Assertion 1.1 §8.1.2.3 (<c>signer_payload.role</c>).</summary>
public static class IdentityRoles
{
    /// <summary>The primary creator or author of the asset.</summary>
    public const string Creator = "cawg.creator";

    /// <summary>A secondary contributor.</summary>
    public const string Contributor = "cawg.contributor";

    /// <summary>An editor.</summary>
    public const string Editor = "cawg.editor";

    /// <summary>A producer.</summary>
    public const string Producer = "cawg.producer";

    /// <summary>A publisher.</summary>
    public const string Publisher = "cawg.publisher";

    /// <summary>A sponsor or funder.</summary>
    public const string Sponsor = "cawg.sponsor";

    /// <summary>A translator.</summary>
    public const string Translator = "cawg.translator";
}
