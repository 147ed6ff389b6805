using Provenance.Cbor;
using Provenance.Cose;

namespace Provenance.Signing;

/// <summary>
/// A stapled OCSP response about the signing certificate, in the claim signature's <c>rVals</c> header
/// (<c>{"ocspVals": [response]}</c>, C2PA 2.2 §14.5.2, as c2pa-rs writes it). The response is known before signing
/// (fetched or given, and checked by <see cref="OcspStapler"/>), so its room is exact.
/// </summary>
internal sealed class OcspHeader(ReadOnlyMemory<byte> response) : IUnprotectedHeaderContributor
{
    private readonly CborValue _value = RevocationValues.Entry(response).Value;

    public string Label => CoseHeaderLabels.RVals;

    public int MaxValueSize => _value.Encode().Length;

    public ValueTask<CborValue?> CreateValueAsync(CoseSignatureParts signed, CancellationToken cancellationToken)
        => ValueTask.FromResult<CborValue?>(_value);
}
