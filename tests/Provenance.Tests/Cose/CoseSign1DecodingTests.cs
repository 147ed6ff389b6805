using System.Formats.Cbor;
using Provenance.Cbor;
using Provenance.Cose;
using Provenance.Cryptography;

namespace Provenance.Tests.Cose;

/// <summary>
/// What decoding accepts and refuses now that System.Security.Cryptography.Cose decodes: the tolerances we keep (trailing
/// zero bytes, untagged messages, an embedded payload) and RFC 9052's rules the runtime enforces (docs/conformance.md).
/// </summary>
public class CoseSign1DecodingTests
{
    private static readonly byte[] Claim = "{\"a claim\":3}"u8.ToArray();

    [Fact]
    public async Task Decode_TrailingZeroBytes_AcceptedAndVerifies()
    {
        // prerelease.jpg's signature box holds 5,134 zero bytes after its COSE_Sign1.
        (byte[] signed, LocalSigner signer) = await SignAsync();
        using (signer)
        {
            CoseSign1Message message = CoseSign1Message.Decode((byte[])[.. signed, .. new byte[64]]);

            Assert.True(CoseSign1Verifier.VerifyDetached(message, SigningAlgorithm.ES256, signer.CertificateChain[0], Claim));
        }
    }

    [Fact]
    public async Task Decode_NonZeroByteAfterMessage_RefusedAtItsOffset()
    {
        (byte[] signed, LocalSigner signer) = await SignAsync();
        signer.Dispose();

        ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => CoseSign1Message.Decode((byte[])[.. signed, 0, 0, 1]));

        Assert.Equal((FormatLayer.Cose, (long)signed.Length), (ex.Layer, ex.Offset));
    }

    [Fact]
    public async Task Decode_Untagged_AcceptedAndVerifies()
    {
        (byte[] signed, LocalSigner signer) = await SignAsync();
        using (signer)
        {
            Assert.Equal(0xD2, signed[0]); // tag 18
            CoseSign1Message message = CoseSign1Message.Decode(signed.AsMemory(1));

            Assert.False(message.IsTagged);
            Assert.True(CoseSign1Verifier.VerifyDetached(message, SigningAlgorithm.ES256, signer.CertificateChain[0], Claim));
        }
    }

    [Fact]
    public async Task VerifyDetached_EmbeddedPayload_VerifiedOverTheDetachedClaim()
    {
        // C2PA detaches the claim; c2pa-rs verifies a message that embeds something over the claim all the same.
        (byte[] signed, LocalSigner signer) = await SignAsync();
        using (signer)
        {
            CoseSign1Message original = CoseSign1Message.Decode(signed);
            CoseSign1Message embedded = CoseSign1Message.Decode(Sign1(original.RawProtectedHeaders.ToArray(), [], "other"u8.ToArray(), original.Signature.ToArray()));

            Assert.NotNull(embedded.Payload);
            Assert.True(CoseSign1Verifier.VerifyDetached(embedded, SigningAlgorithm.ES256, signer.CertificateChain[0], Claim));
            Assert.False(CoseSign1Verifier.VerifyDetached(embedded, SigningAlgorithm.ES256, signer.CertificateChain[0], "other"u8));
        }
    }

    public static TheoryData<string> RefusedHeaders => new(
        "none",
        "x5chain in both buckets",
        "pad in both buckets",
        "label beyond 32 bits",
        "crit naming an absent label",
        "alg a byte string",
        "value nested 70 deep");

    [Theory]
    [MemberData(nameof(RefusedHeaders))]
    public async Task Decode_HeadersAgainstRfc9052_RefusedInCoseLayer(string problem)
    {
        (byte[] signed, LocalSigner signer) = await SignAsync();
        using (signer)
        {
            var certificate = new CborByteString(signer.CertificateChain[0].RawData);
            var protectedHeaders = new CborMap { { new CborInteger(CoseHeaderLabels.Algorithm), new CborInteger(-7) }, { new CborInteger(CoseHeaderLabels.X5Chain), certificate } };
            var unprotectedHeaders = new CborMap();
            switch (problem)
            {
                case "x5chain in both buckets": // RFC 9052 §3: a label appears in one bucket only
                    unprotectedHeaders.Add(new CborInteger(CoseHeaderLabels.X5Chain), certificate);
                    break;
                case "pad in both buckets":
                    protectedHeaders.Add(new CborTextString("pad"), new CborByteString(new byte[1]));
                    unprotectedHeaders.Add(new CborTextString("pad"), new CborByteString(new byte[1]));
                    break;
                case "label beyond 32 bits":
                    unprotectedHeaders.Add(new CborInteger(1L << 40), new CborInteger(0));
                    break;
                case "crit naming an absent label": // RFC 9052 §3.1: crit lists protected header parameters
                    protectedHeaders.Add(new CborInteger(2), new CborArray { new CborInteger(99) });
                    break;
                case "alg a byte string": // RFC 9052 §3.1: alg is an int or a tstr
                    protectedHeaders[CoseHeaderLabels.Algorithm] = new CborByteString(new byte[] { 0x26 });
                    break;
                case "value nested 70 deep": // beyond the CBOR readers' depth limit of 64
                    unprotectedHeaders.Add(new CborTextString("deep"), Nested(70));
                    break;
            }

            byte[] encoded = Sign1(protectedHeaders.Encode(), unprotectedHeaders, null, CoseSign1Message.Decode(signed).Signature.ToArray());

            if (problem == "none")
            {
                // The control: the same parts without a problem decode, and the signature holds.
                Assert.True(CoseSign1Verifier.VerifyDetached(CoseSign1Message.Decode(encoded), SigningAlgorithm.ES256, signer.CertificateChain[0], Claim));
                return;
            }

            ProvenanceFormatException ex = Assert.Throws<ProvenanceFormatException>(() => CoseSign1Message.Decode(encoded));
            Assert.Equal(FormatLayer.Cose, ex.Layer);
        }
    }

    private static async Task<(byte[] Signed, LocalSigner Signer)> SignAsync()
    {
        LocalSigner signer = TestSigners.Create(SigningAlgorithm.ES256);
        return (await CoseSign1Writer.SignDetachedAsync(signer, Claim, CoseSign1Writer.GetReservedSize(signer)), signer);
    }

    private static CborValue Nested(int depth)
    {
        CborValue value = new CborInteger(0);
        for (int i = 0; i < depth; i++)
        {
            value = new CborArray { value };
        }

        return value;
    }

    private static byte[] Sign1(byte[] protectedHeaders, CborMap unprotectedHeaders, byte[]? payload, byte[] signature)
    {
        var writer = new CborWriter();
        writer.WriteTag(CoseSign1Message.Tag);
        writer.WriteStartArray(4);
        writer.WriteByteString(protectedHeaders);
        unprotectedHeaders.WriteTo(writer);
        if (payload is null)
        {
            writer.WriteNull();
        }
        else
        {
            writer.WriteByteString(payload);
        }

        writer.WriteByteString(signature);
        writer.WriteEndArray();
        return writer.Encode();
    }
}
