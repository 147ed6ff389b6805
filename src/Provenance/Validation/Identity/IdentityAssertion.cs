using Provenance.Cbor;
using Provenance.Manifests;

namespace Provenance.Validation.Identity;

/// <summary>
/// A decoded <c>cawg.identity</c> assertion (CAWG Identity Assertion 1.x, "CBOR schema"): <c>signer_payload</c>,
/// <c>signature</c>, <c>pad1</c> and the optional <c>pad2</c>. Fields the schema does not name are ignored, as the
/// specification requires of validators.
/// </summary>
internal sealed class IdentityAssertion
{
    /// <summary>The identity assertion's label without its instance suffix.</summary>
    public const string Label = "cawg.identity";

    /// <summary>The signature type of an X.509 credential and a COSE_Sign1 signature.</summary>
    public const string X509CoseSigType = "cawg.x509.cose";

    private IdentityAssertion(CborMap signerPayload, IReadOnlyList<HashedUri> referencedAssertions, string sigType, IReadOnlyList<string> roles, ReadOnlyMemory<byte> signature, ReadOnlyMemory<byte> pad1, ReadOnlyMemory<byte>? pad2)
    {
        SignerPayload = signerPayload;
        ReferencedAssertions = referencedAssertions;
        SigType = sigType;
        Roles = roles;
        Signature = signature;
        Pad1 = pad1;
        Pad2 = pad2;
    }

    /// <summary>The signer payload; its <see cref="CborValue.EncodedBytes"/> are the bytes as found, which were signed.</summary>
    public CborMap SignerPayload { get; }

    public IReadOnlyList<HashedUri> ReferencedAssertions { get; }

    public string SigType { get; }

    public IReadOnlyList<string> Roles { get; }

    public ReadOnlyMemory<byte> Signature { get; }

    public ReadOnlyMemory<byte> Pad1 { get; }

    public ReadOnlyMemory<byte>? Pad2 { get; }

    /// <summary>Whether a label names an identity assertion (<c>cawg.identity</c>, <c>cawg.identity__2</c>…).</summary>
    public static bool IsIdentityLabel(string label) => C2paLabels.StripInstance(label) == Label;

    /// <summary>Reads the assertion's CBOR content.</summary>
    /// <exception cref="ProvenanceFormatException">Not CBOR, or a required field is missing or of the wrong type.</exception>
    public static IdentityAssertion Decode(ReadOnlyMemory<byte> content)
    {
        CborMap map = CborValue.Decode(content).AsMap();
        CborMap payload = Required(map, "signer_payload").AsMap();
        CborArray references = Required(payload, "referenced_assertions").AsArray();
        if (references.Count == 0)
        {
            throw Malformed("signer_payload.referenced_assertions is empty");
        }

        string sigType = Required(payload, "sig_type").AsString();
        if (sigType.Length == 0)
        {
            throw Malformed("signer_payload.sig_type is empty");
        }

        var roles = new List<string>();
        if (payload.GetValueOrDefault("role") is { } role)
        {
            // "If present, the value for role MUST be a non-empty CBOR array of non-empty text strings."
            CborArray array = role.AsArray();
            roles.AddRange(array.Select(r => r.AsString()));
            if (roles.Count == 0 || roles.Any(r => r.Length == 0))
            {
                throw Malformed("signer_payload.role must be a non-empty array of non-empty strings");
            }
        }

        ReadOnlyMemory<byte>? pad2 = map.GetValueOrDefault("pad2") is { } p2 ? p2.AsBytes() : null;
        return new IdentityAssertion(
            payload,
            [.. references.Select(HashedUri.FromCbor)],
            sigType,
            roles,
            Required(map, "signature").AsBytes(),
            Required(map, "pad1").AsBytes(),
            pad2);
    }

    private static CborValue Required(CborMap map, string key)
        => map.GetValueOrDefault(key) ?? throw Malformed($"the field {key} is missing");

    private static ProvenanceFormatException Malformed(string reason) => new(FormatLayer.Identity, -1, "identity assertion: " + reason);
}
