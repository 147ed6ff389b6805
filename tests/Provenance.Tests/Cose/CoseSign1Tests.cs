using Provenance.Cose;
using Provenance.Cryptography;

namespace Provenance.Tests.Cose;

public class CoseSign1Tests
{
    private static readonly byte[] Claim = "{\"a claim\":1}"u8.ToArray();

    [Theory]
    [InlineData(SigningAlgorithm.ES256)]
    [InlineData(SigningAlgorithm.ES384)]
    [InlineData(SigningAlgorithm.ES512)]
    [InlineData(SigningAlgorithm.PS256)]
    [InlineData(SigningAlgorithm.PS384)]
    [InlineData(SigningAlgorithm.PS512)]
    public async Task SignDetached_EveryAlgorithm_DecodesAndVerifies(SigningAlgorithm algorithm)
    {
        using LocalSigner signer = TestSigners.Create(algorithm);
        int reserved = CoseSign1Writer.GetReservedSize(signer);

        byte[] encoded = await CoseSign1Writer.SignDetachedAsync(signer, Claim, reserved);

        Assert.Equal(reserved, encoded.Length);
        CoseSign1Message message = CoseSign1Message.Decode(encoded);
        Assert.True(message.IsTagged);
        Assert.Null(message.Payload);
        Assert.True(CoseSign1Verifier.TryGetAlgorithm(message, out SigningAlgorithm read, out _));
        Assert.Equal(algorithm, read);
        Assert.Equal(signer.CertificateChain[0].RawData, CoseSign1Verifier.GetCertificateChain(message)[0].RawData);
        Assert.True(CoseSign1Verifier.VerifyDetached(message, algorithm, signer.CertificateChain[0], Claim));
    }

    [Fact]
    public async Task VerifyDetached_ChangedClaim_ReturnsFalse()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        byte[] encoded = await CoseSign1Writer.SignDetachedAsync(signer, Claim, CoseSign1Writer.GetReservedSize(signer));
        CoseSign1Message message = CoseSign1Message.Decode(encoded);
        byte[] changed = (byte[])Claim.Clone();
        changed[3] ^= 1;

        Assert.False(CoseSign1Verifier.VerifyDetached(message, SigningAlgorithm.ES256, signer.CertificateChain[0], changed));
    }

    [Fact]
    public async Task SignDetached_ReservedTooSmall_Throws()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);

        await Assert.ThrowsAsync<InvalidOperationException>(() => CoseSign1Writer.SignDetachedAsync(signer, Claim, 100).AsTask());
    }

    [Theory]
    [InlineData(new byte[] { 0x80 })]
    [InlineData(new byte[] { 0xD2, 0x83, 0x40, 0xA0, 0xF6 })]
    [InlineData(new byte[] { 0xD1, 0x84, 0x40, 0xA0, 0xF6, 0x40 })]
    [InlineData(new byte[] { 0xD2, 0x84, 0x40, 0xA0, 0xF6 })]
    public void Decode_Malformed_ThrowsFormatExceptionInCoseLayer(byte[] encoded)
    {
        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => CoseSign1Message.Decode(encoded));

        Assert.Equal(FormatLayer.Cose, ex.Layer);
    }
}
