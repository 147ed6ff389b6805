using Provenance.Cbor;

namespace Provenance.Cose;

/// <summary>
/// The parts of a signed COSE_Sign1 that headers added after signing refer to: the exact protected header bytes and the
/// signature (C2PA 2.2 §10.3.2.5: a v2 time-stamp counter-signs both).
/// </summary>
/// <param name="ProtectedHeaders">The encoded protected header map, as signed.</param>
/// <param name="Signature">The signature value.</param>
internal readonly record struct CoseSignatureParts(ReadOnlyMemory<byte> ProtectedHeaders, ReadOnlyMemory<byte> Signature);

/// <summary>
/// One entry of the unprotected bucket that is made once the claim is signed, such as a time-stamp over the signature
/// (<c>sigTst2</c>) or stapled OCSP responses (<c>rVals</c>). The unprotected bucket is not signed (RFC 9052 §4.4), so such
/// entries are added after signing; their room is reserved before, when the store's length is fixed (C2PA 2.2 §10.4).
/// </summary>
internal interface IUnprotectedHeaderContributor
{
    /// <summary>The header's label (C2PA uses text labels in the unprotected bucket, C2PA 2.2 §10.3.2).</summary>
    string Label { get; }

    /// <summary>The most bytes the encoded value may take; this much is reserved in the signature box.</summary>
    int MaxValueSize { get; }

    /// <summary>The header's value for the signed message, or null to add nothing.</summary>
    /// <remarks>What the contributor cannot do, it throws: signing then stops and no output is kept.</remarks>
    ValueTask<CborValue?> CreateValueAsync(CoseSignatureParts signed, CancellationToken cancellationToken);
}
