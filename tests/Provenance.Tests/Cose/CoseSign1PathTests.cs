using System.Security.Cryptography;
using System.Security.Cryptography.Cose;
using System.Security.Cryptography.X509Certificates;
using Provenance.Cbor;
using Provenance.Cose;
using Provenance.Cryptography;
using CoseSign1Message = Provenance.Cose.CoseSign1Message;

namespace Provenance.Tests.Cose;

/// <summary>
/// The two signing paths against each other: a <see cref="LocalSigner"/> signs through System.Security.Cryptography.Cose,
/// any other signer through our Sig_structure (RFC 9052 §4.4). Each path's messages must verify with the other's
/// verifier, carry the same protected header bytes, and be refused by both verifiers once tampered with.
/// </summary>
public class CoseSign1PathTests
{
    private static readonly byte[] Claim = "{\"a claim\":2}"u8.ToArray();

    public enum Tamper
    {
        None,
        PayloadByteFlipped,
        ProtectedHeaderByteFlipped,
        X5ChainSwappedForSameKeyCertificate,
    }

    public static TheoryData<SigningAlgorithm> RuntimeAlgorithms => new(
        SigningAlgorithm.ES256, SigningAlgorithm.ES384, SigningAlgorithm.ES512, SigningAlgorithm.PS256, SigningAlgorithm.PS384, SigningAlgorithm.PS512);

    public static TheoryData<SigningAlgorithm, SigningPath, Tamper> Tamperings()
    {
        var data = new TheoryData<SigningAlgorithm, SigningPath, Tamper>();
        foreach (Tamper tamper in Enum.GetValues<Tamper>())
        {
            foreach (SigningAlgorithm algorithm in (SigningAlgorithm[])[SigningAlgorithm.ES256, SigningAlgorithm.ES384, SigningAlgorithm.PS256])
            {
                data.Add(algorithm, SigningPath.LocalKey, tamper);
                data.Add(algorithm, SigningPath.Remote, tamper);
            }

            data.Add(SigningAlgorithm.Ed25519, SigningPath.Remote, tamper);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RuntimeAlgorithms))]
    public async Task SignDetached_LocalKey_SameBytesAsRemotePathAroundItsSignature(SigningAlgorithm algorithm)
    {
        using LocalSigner signer = TestSigners.Create(algorithm);
        int reserved = CoseSign1Writer.GetReservedSize(signer);

        byte[] local = await CoseSign1Writer.SignDetachedAsync(signer, Claim, reserved);

        // Protected headers byte for byte as the remote path writes them ({1: alg, 33: x5chain}, C2PA 2.2 §13.2.1),
        // and the whole message as the remote path encodes it around the same signature: padding included.
        byte[] protectedHeaders = CoseSign1Writer.EncodeProtectedHeaders(algorithm, signer.CertificateChain);
        (byte[] rawProtected, byte[] signature) = TakeApart(local);
        Assert.Equal(protectedHeaders, rawProtected);
        Assert.Equal(CoseSign1Writer.Pad(protectedHeaders, null, signature, reserved), local);
    }

    [Theory]
    [MemberData(nameof(RuntimeAlgorithms))]
    public async Task SignDetached_LocalKey_VerifiesOverOurSigStructure(SigningAlgorithm algorithm)
    {
        using LocalSigner signer = TestSigners.Create(algorithm);

        byte[] local = await CoseSign1Writer.SignDetachedAsync(signer, Claim, CoseSign1Writer.GetReservedSize(signer));

        Assert.True(VerifyWithSigStructure(local, algorithm, signer.CertificateChain[0], Claim));
        Assert.False(VerifyWithSigStructure(local, algorithm, signer.CertificateChain[0], Flipped(Claim)));
    }

    [Theory]
    [MemberData(nameof(RuntimeAlgorithms))]
    public async Task SignDetached_RemoteSigner_VerifiesWithRuntime(SigningAlgorithm algorithm)
    {
        using LocalSigner key = TestSigners.Create(algorithm);
        var signer = new RemoteSigner(key);

        byte[] remote = await CoseSign1Writer.SignDetachedAsync(signer, Claim, CoseSign1Writer.GetReservedSize(signer));

        var message = CoseMessage.DecodeSign1(remote);
        using AsymmetricAlgorithm publicKey = PublicKey(key.CertificateChain[0]);
        Assert.True(message.VerifyDetached(publicKey, Claim));
        Assert.False(message.VerifyDetached(publicKey, Flipped(Claim)));
    }

    [Fact]
    public async Task SignDetached_RemoteEd25519Signer_VerifiesThroughBouncyCastle()
    {
        using SameKeyCredentials credentials = SameKeyCredentials.Create(SigningAlgorithm.Ed25519);
        IClaimSigner signer = credentials.CreateSigner(SigningPath.Remote);

        byte[] remote = await CoseSign1Writer.SignDetachedAsync(signer, Claim, CoseSign1Writer.GetReservedSize(signer));

        CoseSign1Message message = CoseSign1Message.Decode(remote);
        Assert.True(CoseSign1Verifier.TryGetAlgorithm(message, out SigningAlgorithm algorithm, out long coseId));
        Assert.Equal((SigningAlgorithm.Ed25519, -8L), (algorithm, coseId));
        Assert.True(CoseSign1Verifier.VerifyDetached(message, algorithm, CoseSign1Verifier.GetCertificateChain(message)[0], Claim));
        Assert.False(CoseSign1Verifier.VerifyDetached(message, algorithm, CoseSign1Verifier.GetCertificateChain(message)[0], Flipped(Claim)));
    }

    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task Verify_TamperedMessage_RefusedByBothVerifiers(SigningAlgorithm algorithm, SigningPath path, Tamper tamper)
    {
        using SameKeyCredentials credentials = SameKeyCredentials.Create(algorithm);
        IClaimSigner signer = credentials.CreateSigner(path);
        int reserved = CoseSign1Writer.GetReservedSize(signer);
        byte[] encoded = await CoseSign1Writer.SignDetachedAsync(signer, Claim, reserved);
        byte[] claim = Claim;
        (byte[] rawProtected, byte[] signature) = TakeApart(encoded);
        switch (tamper)
        {
            case Tamper.PayloadByteFlipped:
                claim = Flipped(Claim);
                break;
            case Tamper.ProtectedHeaderByteFlipped:
                // The last protected byte lies in the signature value of the x5chain certificate: the map still decodes
                // and the certificate still loads, only the signed bytes differ.
                rawProtected[^1] ^= 0x01;
                encoded = CoseSign1Writer.Pad(rawProtected, null, signature, reserved);
                break;
            case Tamper.X5ChainSwappedForSameKeyCertificate:
                encoded = CoseSign1Writer.Pad(CoseSign1Writer.EncodeProtectedHeaders(algorithm, [credentials.Second]), null, signature, reserved);
                break;
        }

        // Each verifier is given the certificate the message names, as the validators are.
        CoseSign1Message message = CoseSign1Message.Decode(encoded);
        X509Certificate2 named = CoseSign1Verifier.GetCertificateChain(message)[0];
        bool library = CoseSign1Verifier.VerifyDetached(message, algorithm, named, claim);
        bool sigStructure = VerifyWithSigStructure(encoded, algorithm, named, claim);

        Assert.Equal(tamper == Tamper.None, library);
        Assert.Equal(tamper == Tamper.None, sigStructure);
    }

    // Our own verifier: the message taken apart by the CBOR model, Sig_structure built by SigStructure, the signature
    // checked by SignatureVerifier (.NET for ECDSA and RSASSA-PSS, BouncyCastle for Ed25519).
    private static bool VerifyWithSigStructure(byte[] encoded, SigningAlgorithm algorithm, X509Certificate2 certificate, byte[] claim)
    {
        (byte[] rawProtected, byte[] signature) = TakeApart(encoded);
        return SignatureVerifier.Verify(algorithm, certificate, SigStructure.ForSign1(rawProtected, claim), signature);
    }

    // COSE_Sign1_Tagged = 18([protected bstr, unprotected map, payload, signature bstr]) (RFC 9052 §4.2).
    private static (byte[] RawProtected, byte[] Signature) TakeApart(byte[] encoded)
    {
        var tagged = (CborTag)CborValue.Decode(encoded);
        Assert.Equal(18UL, tagged.Tag);
        var items = (CborArray)tagged.Content;
        Assert.Equal(CborSimple.Null, items[2]);
        return (((CborByteString)items[0]).Value.ToArray(), ((CborByteString)items[3]).Value.ToArray());
    }

    private static AsymmetricAlgorithm PublicKey(X509Certificate2 certificate)
        => (AsymmetricAlgorithm?)certificate.GetECDsaPublicKey() ?? CertificateKeys.GetRsaPublicKey(certificate)!;

    private static byte[] Flipped(byte[] bytes)
    {
        byte[] copy = (byte[])bytes.Clone();
        copy[3] ^= 0x01;
        return copy;
    }
}
