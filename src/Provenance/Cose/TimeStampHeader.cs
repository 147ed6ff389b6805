using System.Formats.Cbor;
using Provenance.Cbor;
using Provenance.Cryptography;

namespace Provenance.Cose;

/// <summary>
/// The <c>sigTst2</c> header: an RFC 3161 token over the claim signature, from a time-stamp authority, in a
/// <c>tstContainer</c> <c>{"tstTokens": [{"val": bstr}]}</c> (C2PA 2.2 §10.3.2.5). The token's message imprint is the hash
/// of <c>["CounterSignature", protected, h'', payload]</c> whose payload is the signature encoded as a CBOR byte string
/// (header and all), so the token counter-signs the signature and the certificate chain in the protected header; the
/// value stored is the TimeStampResp's <c>timeStampToken</c> alone (c2pa-rs: <c>sigtst.rs</c>, <c>sign.rs</c>).
/// </summary>
internal sealed class TimeStampHeader : IUnprotectedHeaderContributor
{
    private readonly TimeStampAuthority _authority;

    public TimeStampHeader(TimeStampAuthority authority)
    {
        _authority = authority ?? throw new ArgumentNullException(nameof(authority));
        MaxValueSize = Container(new byte[authority.MaxTokenSize]).Encode().Length;
    }

    public string Label => CoseHeaderLabels.SigTst2;

    public int MaxValueSize { get; }

    public async ValueTask<CborValue?> CreateValueAsync(CoseSignatureParts signed, CancellationToken cancellationToken)
    {
        byte[] toBeSigned = SigStructure.ForCounterSignature(signed.ProtectedHeaders.Span, EncodeByteString(signed.Signature.Span));
        byte[] token = await _authority.RequestTokenAsync(toBeSigned, cancellationToken).ConfigureAwait(false);
        return Container(token);
    }

    private static CborMap Container(byte[] token)
        => new() { { "tstTokens", new CborArray { new CborMap { { "val", new CborByteString(token) } } } } };

    private static byte[] EncodeByteString(ReadOnlySpan<byte> bytes)
    {
        var writer = new CborWriter();
        writer.WriteByteString(bytes);
        return writer.Encode();
    }
}
