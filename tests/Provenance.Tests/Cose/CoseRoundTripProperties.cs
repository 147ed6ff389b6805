using CsCheck;
using Provenance.Cose;
using Provenance.Cryptography;

namespace Provenance.Tests.Cose;

/// <summary>
/// Property-based check (CsCheck) of the COSE_Sign1 codec (issue 11, item 3): whatever claim bytes are signed, the
/// written signature decodes to the same algorithm and certificate chain and verifies against exactly those bytes,
/// and against no others (one byte of the claim changed).
/// </summary>
public sealed class CoseRoundTripProperties
{
    [Fact]
    public void DecodeOfSign_SameChainAndAlgorithm_VerifiesOnlyTheSignedBytes()
    {
        using LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        int reserved = CoseSign1Writer.GetReservedSize(signer);
        Gen.Select(Gen.Byte.Array[1, 2048], Gen.Int[0, int.MaxValue]).Sample((claim, flip) =>
        {
            byte[] encoded = CoseSign1Writer.SignDetachedAsync(signer, claim, reserved).AsTask().GetAwaiter().GetResult();

            CoseSign1Message message = CoseSign1Message.Decode(encoded);

            Assert.True(CoseSign1Verifier.TryGetAlgorithm(message, out SigningAlgorithm algorithm, out _));
            Assert.Equal(SigningAlgorithm.ES256, algorithm);
            IReadOnlyList<System.Security.Cryptography.X509Certificates.X509Certificate2> chain = CoseSign1Verifier.GetCertificateChain(message);
            Assert.Equal(signer.CertificateChain.Select(c => c.RawData), chain.Select(c => c.RawData));
            Assert.True(CoseSign1Verifier.VerifyDetached(message, algorithm, chain[0], claim));
            byte[] changed = (byte[])claim.Clone();
            changed[flip % changed.Length] ^= 0x01;
            Assert.False(CoseSign1Verifier.VerifyDetached(message, algorithm, chain[0], changed));
        }, iter: 200);
    }
}
