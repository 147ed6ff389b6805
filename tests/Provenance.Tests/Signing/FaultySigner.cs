using System.Security.Cryptography.X509Certificates;
using Provenance.Cryptography;

namespace Provenance.Tests.Signing;

/// <summary>
/// An <see cref="IClaimSigner"/> that behaves like a misconfigured remote signer: it signs with a real key, then
/// changes the result (DER instead of P1363, truncated, garbage), or presents another certificate than its key's.
/// </summary>
internal sealed class FaultySigner(IClaimSigner inner, Func<byte[], byte[]> transform, IReadOnlyList<X509Certificate2>? chain = null) : IClaimSigner
{
    public SigningAlgorithm Algorithm => inner.Algorithm;

    public IReadOnlyList<X509Certificate2> CertificateChain => chain ?? inner.CertificateChain;

    public int MaxSignatureSize => inner.MaxSignatureSize + 16;

    public async ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> toBeSigned, CancellationToken cancellationToken = default)
        => transform(await inner.SignAsync(toBeSigned, cancellationToken));

    /// <summary>Returns the signature as a DER Ecdsa-Sig-Value, as AWS KMS and many HSMs do.</summary>
    public static FaultySigner Der(IClaimSigner inner) => new(inner, p1363 =>
    {
        int half = p1363.Length / 2;
        var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteIntegerUnsigned(p1363.AsSpan(0, half).TrimStart((byte)0));
            writer.WriteIntegerUnsigned(p1363.AsSpan(half).TrimStart((byte)0));
        }

        return writer.Encode();
    });
}
