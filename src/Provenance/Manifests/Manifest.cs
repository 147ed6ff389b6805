using Provenance.Jumbf;

namespace Provenance.Manifests;

/// <summary>
/// One manifest of a store: its assertion store, claim box and signature box, found by label. Parsing the claim is
/// left to the caller so that a broken claim becomes a status code, not a failure to read the store.
/// </summary>
internal sealed class Manifest
{
    private Claim? _claim;

    internal Manifest(JumbfSuperBox box, ManifestKind kind)
    {
        Box = box;
        Kind = kind;
        Label = box.Label ?? "";
        AssertionStore = Single(box, C2paLabels.AssertionStore);
        IReadOnlyList<JumbfSuperBox> claims = [.. box.FindChildren(C2paLabels.ClaimV2), .. box.FindChildren(C2paLabels.ClaimV1)];
        ClaimBoxCount = claims.Count;
        ClaimBox = claims.Count > 0 ? claims[0] : null;
        ClaimVersion = ClaimBox?.Label == C2paLabels.ClaimV1 ? 1 : 2;
    }

    /// <summary>The manifest label (<c>urn:c2pa:…</c> or, for 1.x, <c>urn:uuid:…</c>).</summary>
    public string Label { get; }

    /// <summary>The manifest superbox.</summary>
    public JumbfSuperBox Box { get; }

    /// <summary>Standard, update or compressed.</summary>
    public ManifestKind Kind { get; }

    /// <summary>The assertion store superbox, if present.</summary>
    public JumbfSuperBox? AssertionStore { get; }

    /// <summary>The (first) claim superbox, if present.</summary>
    public JumbfSuperBox? ClaimBox { get; }

    /// <summary>How many claim boxes the manifest has (more than one is <c>claim.multiple</c>).</summary>
    public int ClaimBoxCount { get; }

    /// <summary>1 when the claim box is labelled <c>c2pa.claim</c>, else 2.</summary>
    public int ClaimVersion { get; }

    /// <summary>The claim's CBOR bytes (the payload of its <c>cbor</c> content box), or null when there is no claim box.</summary>
    public ReadOnlyMemory<byte>? ClaimBytes => ClaimBox?.FirstContent(FourCC.Cbor)?.Data;

    /// <summary>The assertion superboxes, in store order.</summary>
    public IEnumerable<JumbfSuperBox> Assertions => AssertionStore?.Children.OfType<JumbfSuperBox>() ?? [];

    /// <summary>Parses the claim, once: validation and the report read it several times (a claim that does not parse is tried again, and fails again).</summary>
    /// <exception cref="ProvenanceFormatException">No claim box, or the claim is not valid CBOR or lacks required fields.</exception>
    public Claim ParseClaim()
    {
        if (_claim is { } parsed)
        {
            return parsed;
        }

        ReadOnlyMemory<byte> bytes = ClaimBytes
            ?? throw new ProvenanceFormatException(FormatLayer.Claim, -1, $"manifest {Label} has no claim box with a cbor content box");
        return _claim = Claim.Parse(bytes, ClaimVersion);
    }

    /// <summary>Finds an assertion superbox by its label, or null.</summary>
    public JumbfSuperBox? FindAssertion(string label) => AssertionStore is null ? null : Single(AssertionStore, label);

    private static JumbfSuperBox? Single(JumbfSuperBox parent, string label)
    {
        IReadOnlyList<JumbfSuperBox> found = parent.FindChildren(label);
        return found.Count == 1 ? found[0] : null;
    }
}
