using System.Buffers.Binary;
using System.Text;

namespace Provenance.Jumbf;

/// <summary>
/// The description box (<c>jumd</c>) of a JUMBF superbox (ISO/IEC 19566-5 §B.2): type UUID, toggles, label, and the
/// optional ID, signature and private box (C2PA puts the assertion salt, a <c>c2sh</c> box, there).
/// </summary>
internal sealed class JumbfDescription
{
    /// <summary>Toggle bit: the box is requestable.</summary>
    public const byte RequestableBit = 0x01;

    /// <summary>Toggle bit: a label is present.</summary>
    public const byte LabelBit = 0x02;

    /// <summary>Toggle bit: an ID is present.</summary>
    public const byte IdBit = 0x04;

    /// <summary>Toggle bit: a signature is present.</summary>
    public const byte SignatureBit = 0x08;

    /// <summary>Toggle bit: a private box is present.</summary>
    public const byte PrivateBit = 0x10;

    /// <summary>Creates a requestable, labelled description, as C2PA requires of every box (C2PA 2.2 §11.1.4.1.2).</summary>
    public JumbfDescription(JumbfUuid type, string? label)
    {
        Type = type;
        Label = label;
    }

    /// <summary>The content type UUID.</summary>
    public JumbfUuid Type { get; }

    /// <summary>Whether the requestable toggle is set.</summary>
    public bool Requestable { get; init; } = true;

    /// <summary>The label, or null.</summary>
    public string? Label { get; }

    /// <summary>The optional ID.</summary>
    public uint? Id { get; init; }

    /// <summary>The optional 32-byte SHA-256 signature of the content.</summary>
    public ReadOnlyMemory<byte>? Signature { get; init; }

    /// <summary>The salt: the payload of a private <c>c2sh</c> box (C2PA 2.2 §8.4.2.3).</summary>
    public ReadOnlyMemory<byte>? Salt { get; init; }

    /// <summary>A private box other than a salt, kept verbatim (whole box bytes).</summary>
    public ReadOnlyMemory<byte>? OtherPrivateBox { get; init; }

    /// <summary>The toggles byte.</summary>
    public byte Toggles => (byte)((Requestable ? RequestableBit : 0) | (Label is null ? 0 : LabelBit) | (Id is null ? 0 : IdBit)
        | (Signature is null ? 0 : SignatureBit) | (Salt is null && OtherPrivateBox is null ? 0 : PrivateBit));

    /// <summary>Encodes the whole <c>jumd</c> box.</summary>
    /// <exception cref="ArgumentException">The label has a character C2PA forbids, or the signature is not 32 bytes.</exception>
    public byte[] Encode()
    {
        ValidateForWriting();
        using var body = new MemoryStream();
        body.Write(Type.Bytes);
        body.WriteByte(Toggles);
        if (Label is not null)
        {
            body.Write(Encoding.UTF8.GetBytes(Label));
            body.WriteByte(0);
        }

        Span<byte> scratch = stackalloc byte[8];
        if (Id is uint id)
        {
            BinaryPrimitives.WriteUInt32BigEndian(scratch, id);
            body.Write(scratch[..4]);
        }

        if (Signature is { } signature)
        {
            body.Write(signature.Span);
        }

        if (Salt is { } salt)
        {
            BinaryPrimitives.WriteUInt32BigEndian(scratch, (uint)(8 + salt.Length));
            BinaryPrimitives.WriteUInt32BigEndian(scratch[4..], FourCC.C2sh.Value);
            body.Write(scratch);
            body.Write(salt.Span);
        }
        else if (OtherPrivateBox is { } other)
        {
            body.Write(other.Span);
        }

        return JumbfBoxWriter.Frame(FourCC.Jumd, body.ToArray());
    }

    private void ValidateForWriting()
    {
        if (Signature is { Length: not 32 })
        {
            throw new ArgumentException("A JUMBF signature is a 32-byte SHA-256 hash.");
        }

        if (Label is null)
        {
            return;
        }

        // C2PA 2.2 §11.1.4.1.1: labels exclude control characters, '/', ';', '?', '#', and a few code points.
        foreach (char c in Label)
        {
            if (c < 0x20 || c is >= '\u007F' and <= '\u009F' || c is '/' or ';' or '?' or '#' or '\uFEFF' or '\uFFFF' || char.IsSurrogate(c) && !char.IsHighSurrogate(c) && !char.IsLowSurrogate(c))
            {
                throw new ArgumentException($"JUMBF label '{Label}' has a forbidden character (U+{(int)c:X4}).");
            }
        }
    }
}
