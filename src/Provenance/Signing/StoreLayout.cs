using Provenance.Cbor;
using Provenance.Jumbf;
using Provenance.Manifests;

namespace Provenance.Signing;

/// <summary>
/// Assembles the JUMBF manifest store for one new manifest: the assertion store, the claim and the signature box,
/// preceded by any manifests carried over (C2PA 2.2 §11.1.4: the active manifest is the last one).
/// </summary>
internal sealed class StoreLayout
{
    private readonly List<(string Label, JumbfSuperBox Box)> _assertions = [];

    public StoreLayout(string manifestLabel)
    {
        ManifestLabel = manifestLabel;
    }

    public string ManifestLabel { get; }

    public IReadOnlyList<(string Label, JumbfSuperBox Box)> Assertions => _assertions;

    /// <summary>Manifests copied into the store ahead of the new one (ingredients' manifests).</summary>
    public List<JumbfSuperBox> CarriedManifests { get; } = [];

    public void Add(string label, JumbfSuperBox box) => _assertions.Add((label, box));

    public void Replace(string label, JumbfSuperBox box)
    {
        int index = _assertions.FindIndex(a => a.Label == label);
        _assertions[index] = (label, box);
    }

    public void Remove(string label) => _assertions.RemoveAt(_assertions.FindIndex(a => a.Label == label));

    /// <summary>Hashed URIs of the assertions, relative to the manifest (C2PA 2.2 §8.4.2), hashing each box's payload.</summary>
    public CborArray HashedUris(string algorithm)
    {
        var array = new CborArray();
        foreach (HashedUri uri in References(algorithm, _ => true))
        {
            array.Add(uri.ToCbor());
        }

        return array;
    }

    /// <summary>Hashed URIs of the assertions whose label <paramref name="include"/> accepts, in store order.</summary>
    public List<HashedUri> References(string algorithm, Func<string, bool> include)
    {
        var references = new List<HashedUri>();
        foreach ((string label, JumbfSuperBox box) in _assertions)
        {
            if (include(label))
            {
                byte[] hash = Hashing.C2paHashAlgorithms.HashData(algorithm, box.Payload.Span);
                references.Add(new HashedUri(JumbfUri.Relative(C2paLabels.AssertionStore, label), null, hash));
            }
        }

        return references;
    }

    /// <summary>Encodes the store with the given claim and signature bytes.</summary>
    public byte[] Encode(ReadOnlyMemory<byte> claim, ReadOnlyMemory<byte> signature)
    {
        var assertionStore = new JumbfSuperBox(
            new JumbfDescription(C2paBoxTypes.AssertionStore, C2paLabels.AssertionStore),
            _assertions.Select(a => (JumbfBox)a.Box));
        var claimBox = new JumbfSuperBox(
            new JumbfDescription(C2paBoxTypes.Claim, C2paLabels.ClaimV2),
            [new JumbfContentBox(FourCC.Cbor, claim)]);
        var signatureBox = new JumbfSuperBox(
            new JumbfDescription(C2paBoxTypes.ClaimSignature, C2paLabels.Signature),
            [new JumbfContentBox(FourCC.Cbor, signature)]);
        var manifest = new JumbfSuperBox(
            new JumbfDescription(C2paBoxTypes.Manifest, ManifestLabel),
            [assertionStore, claimBox, signatureBox]);
        var store = new JumbfSuperBox(
            new JumbfDescription(C2paBoxTypes.ManifestStore, C2paLabels.ManifestStore),
            [.. CarriedManifests, manifest]);
        return store.Encode();
    }
}
