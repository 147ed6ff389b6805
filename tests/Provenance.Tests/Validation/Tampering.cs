using System.Buffers.Binary;
using System.Formats.Asn1;
using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using Provenance.Cbor;
using Provenance.Cose;
using Provenance.Formats;
using Provenance.Hashing;
using Provenance.Jumbf;
using Provenance.Manifests;

namespace Provenance.Tests.Validation;

/// <summary>
/// What an attacker does to a signed file, at the byte level: rewrite the claim signature's COSE (same size, so the
/// container is untouched), shrink the COSE padding to make room inside the store's framing, move a store between files.
/// </summary>
internal static class Tampering
{
    /// <summary>The active manifest's COSE_Sign1 bytes and where they sit in the asset.</summary>
    public static (CoseSign1Message Message, int Offset, int Length) FindCose(byte[] asset)
    {
        ManifestStore store = ReadStore(asset, out _);
        JumbfSuperBox signature = store.ActiveManifest!.Box.FindChild(C2paLabels.Signature)!;
        ReadOnlyMemory<byte> cose = signature.FirstContent(FourCC.Cbor)!.Data;
        int offset = IndexOf(asset, cose.Span);
        return (CoseSign1Message.Decode(cose), offset, cose.Length);
    }

    /// <summary>The manifest store and its framing's range in the asset.</summary>
    public static ManifestStore ReadStore(byte[] asset, out ExclusionRange range)
    {
        using var stream = new MemoryStream(asset);
        IAssetHandler handler = AssetFormats.Detect(stream)!.CreateHandler();
        EmbeddedManifestStore embedded = handler.ReadManifestStore(stream, AssetReadOptions.Default)!;
        range = embedded.Range;
        return ManifestStore.Parse(embedded.Store);
    }

    /// <summary>The claim bytes of the active manifest (what its signature covers).</summary>
    public static byte[] ClaimBytes(byte[] asset) => ReadStore(asset, out _).ActiveManifest!.ClaimBytes!.Value.ToArray();

    /// <summary>Replaces the active COSE_Sign1 with one of exactly the same size, built from the parts given.</summary>
    public static byte[] ReplaceCose(byte[] asset, byte[] protectedHeaders, CborMap unprotectedHeaders, byte[] signature)
    {
        (_, int offset, int length) = FindCose(asset);
        byte[] cose = CoseSign1Writer.Pad(protectedHeaders, unprotectedHeaders, signature, length);
        byte[] result = (byte[])asset.Clone();
        cose.CopyTo(result, offset);
        return result;
    }

    /// <summary>
    /// Makes room inside a JPEG's C2PA APP11 segment by shrinking the COSE padding by <paramref name="room"/> bytes (the
    /// padding is unprotected, so the signature still holds), and fills that room with a COM segment of the attacker's.
    /// The file keeps its length, and every byte outside the old exclusion is unchanged.
    /// </summary>
    public static byte[] SlipSegmentIntoJpegPadding(byte[] jpeg, byte[] comment)
    {
        int room = comment.Length + 4;
        ReadStore(jpeg, out ExclusionRange range);
        byte[] shrunk = ShrinkPadding(jpeg, room);

        // The one APP11 segment's length field sits at range.Start + 2.
        int start = (int)range.Start;
        int segmentLength = BinaryPrimitives.ReadUInt16BigEndian(shrunk.AsSpan(start + 2));
        BinaryPrimitives.WriteUInt16BigEndian(shrunk.AsSpan(start + 2), (ushort)(segmentLength - room));
        int end = (int)range.End - room;
        byte[] com = new byte[room];
        com[0] = 0xFF;
        com[1] = 0xFE;
        BinaryPrimitives.WriteUInt16BigEndian(com.AsSpan(2), (ushort)(comment.Length + 2));
        comment.CopyTo(com, 4);
        return [.. shrunk.AsSpan(0, end), .. com, .. shrunk.AsSpan(end)];
    }

    /// <summary>The same for PNG: the caBX chunk shrinks (its CRC recomputed) and a tEXt chunk fills the room.</summary>
    public static byte[] SlipChunkIntoPngPadding(byte[] png, string text)
    {
        byte[] data = [.. "Comment\0"u8, .. System.Text.Encoding.ASCII.GetBytes(text)];
        int room = data.Length + 12;
        ReadStore(png, out ExclusionRange range);
        byte[] shrunk = ShrinkPadding(png, room);
        int start = (int)range.Start;
        uint length = BinaryPrimitives.ReadUInt32BigEndian(shrunk.AsSpan(start)) - (uint)room;
        BinaryPrimitives.WriteUInt32BigEndian(shrunk.AsSpan(start), length);
        int crcAt = start + 8 + (int)length;
        BinaryPrimitives.WriteUInt32BigEndian(shrunk.AsSpan(crcAt), global::Provenance.Formats.Png.Crc32.Compute(shrunk.AsSpan(start + 4, 4 + (int)length)));
        int end = crcAt + 4;
        byte[] chunk = new byte[room];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        "tEXt"u8.CopyTo(chunk.AsSpan(4));
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), global::Provenance.Formats.Png.Crc32.Compute(chunk.AsSpan(4, 4 + data.Length)));
        return [.. shrunk.AsSpan(0, end), .. chunk, .. shrunk.AsSpan(end)];
    }

    /// <summary>Inserts the C2PA framing bytes of <paramref name="donor"/> into <paramref name="jpeg"/> right after its SOI.</summary>
    public static byte[] TransplantJpegStore(byte[] donor, byte[] jpeg)
    {
        ReadStore(donor, out ExclusionRange range);
        return [.. jpeg.AsSpan(0, 2), .. donor.AsSpan((int)range.Start, (int)range.Length), .. jpeg.AsSpan(2)];
    }

    /// <summary>
    /// A token from a time-stamp authority the attacker made: it says the signature existed at <paramref name="time"/>.
    /// The imprint is right (C2PA 2.2 §10.3.2.5: over the v2 counter-signature structure), so only trust can refuse it.
    /// </summary>
    /// <remarks>
    /// With <paramref name="carried"/>, the token carries that certificate in place of <paramref name="tsaWithKey"/> (the
    /// same issuer, serial number and key), and its signing-certificate attribute names it: for a certificate that the
    /// runtime's CMS signer cannot sign with itself.
    /// </remarks>
    public static byte[] ForgeTimeStampToken(CoseSign1Message message, X509Certificate2 tsaWithKey, DateTimeOffset time, AsymmetricAlgorithm? privateKey = null, X509Certificate2? carried = null)
    {
        var signatureWriter = new CborWriter();
        signatureWriter.WriteByteString(message.Signature.Span);
        byte[] imprint = SHA256.HashData(SigStructure.ForCounterSignature(message.RawProtectedHeaders.Span, signatureWriter.Encode()));

        var tstInfo = new AsnWriter(AsnEncodingRules.DER);
        using (tstInfo.PushSequence())
        {
            tstInfo.WriteInteger(1);
            tstInfo.WriteObjectIdentifier("1.2.3.4.1");
            using (tstInfo.PushSequence())
            {
                using (tstInfo.PushSequence())
                {
                    tstInfo.WriteObjectIdentifier("2.16.840.1.101.3.4.2.1");
                }

                tstInfo.WriteOctetString(imprint);
            }

            tstInfo.WriteInteger(42);
            tstInfo.WriteGeneralizedTime(time, omitFractionalSeconds: true);
        }

        var content = new ContentInfo(new Oid("1.2.840.113549.1.9.16.1.4"), tstInfo.Encode());
        var cms = new SignedCms(content, detached: false);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, tsaWithKey, privateKey) { IncludeOption = X509IncludeOption.EndCertOnly };
        signer.SignedAttributes.Add(new AsnEncodedData("1.2.840.113549.1.9.16.2.47", SigningCertificateV2(carried ?? tsaWithKey)));
        cms.ComputeSignature(signer);
        if (carried is not null)
        {
            cms.RemoveCertificate(tsaWithKey);
            cms.AddCertificate(carried);
        }

        return cms.Encode();
    }

    /// <summary>A self-signed time-stamp authority certificate with the time-stamping EKU, valid from <paramref name="notBefore"/>.</summary>
    public static X509Certificate2 CreateTimeStampAuthority(string name, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.8")], true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using X509Certificate2 certificate = request.CreateSelfSigned(notBefore, notAfter);
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 } with ESSCertIDv2 ::= SEQUENCE { certHash } (RFC 5035).
    internal static byte[] SigningCertificateV2(X509Certificate2 certificate)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                using (writer.PushSequence())
                {
                    writer.WriteOctetString(SHA256.HashData(certificate.RawData));
                }
            }
        }

        return writer.Encode();
    }

    private static byte[] ShrinkPadding(byte[] asset, int room)
    {
        (CoseSign1Message message, int offset, int length) = FindCose(asset);
        CborMap unprotectedHeaders = WithoutPadding(UnprotectedHeaders(asset.AsMemory(offset, length)));
        byte[] smaller = CoseSign1Writer.Pad(message.RawProtectedHeaders.ToArray(), unprotectedHeaders, message.Signature.ToArray(), length - room);
        byte[] result = [.. asset.AsSpan(0, offset), .. smaller, .. asset.AsSpan(offset + length)];

        // Every JUMBF box that holds the COSE is now shorter by the room made.
        ShrinkEnclosingBoxes(result, offset, room);
        return result;
    }

    // The unprotected bucket, the second item of the tagged COSE_Sign1 array, as the CBOR model reads it.
    private static CborMap UnprotectedHeaders(ReadOnlyMemory<byte> cose)
        => (CborMap)((CborArray)((Provenance.Cbor.CborTag)CborValue.Decode(cose)).Content)[1];

    private static CborMap WithoutPadding(CborMap headers)
    {
        var map = new CborMap();
        foreach (KeyValuePair<CborValue, CborValue> entry in headers)
        {
            if (entry.Key is not CborTextString { Value: "pad" or "pad2" })
            {
                map.Add(entry.Key, entry.Value);
            }
        }

        return map;
    }

    // Every JUMBF box whose span held the COSE (the store's, the manifest's, the signature's and its cbor box) loses
    // the room made; they are found by walking down from the store box.
    private static void ShrinkEnclosingBoxes(byte[] asset, int coseOffset, int room)
    {
        int storeStart = IndexOf(asset, "jumb"u8) - 4;
        int storeLength = (int)BinaryPrimitives.ReadUInt32BigEndian(asset.AsSpan(storeStart));
        Walk(asset, storeStart, storeStart + storeLength, coseOffset, room);
    }

    private static void Walk(byte[] asset, int start, int limit, int target, int room)
    {
        for (int position = start; position + 8 <= limit;)
        {
            int length = (int)BinaryPrimitives.ReadUInt32BigEndian(asset.AsSpan(position));
            if (length < 8)
            {
                return;
            }

            if (target >= position && target < position + length)
            {
                BinaryPrimitives.WriteUInt32BigEndian(asset.AsSpan(position), (uint)(length - room));
                if (asset.AsSpan(position + 4, 4).SequenceEqual("jumb"u8))
                {
                    Walk(asset, position + 8, position + length, target, room);
                }

                return;
            }

            position += length;
        }
    }

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle)
    {
        int index = haystack.AsSpan().IndexOf(needle);
        if (index < 0)
        {
            throw new InvalidOperationException("bytes not found in the asset");
        }

        return index;
    }
}
