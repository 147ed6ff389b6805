namespace Provenance.Jumbf;

/// <summary>A box of a JUMBF structure.</summary>
internal abstract class JumbfBox
{
    /// <summary>The box type.</summary>
    public abstract FourCC BoxType { get; }

    /// <summary>Offset of the box within the buffer it was read from; -1 for a box built in memory.</summary>
    public long Offset { get; internal init; } = -1;

    /// <summary>The whole box as read (header included); empty for a box built in memory.</summary>
    public ReadOnlyMemory<byte> RawBytes { get; internal init; }

    /// <summary>The whole box: the original bytes when read, else a fresh encoding.</summary>
    public abstract byte[] Encode();

    /// <summary>Length of the encoded box.</summary>
    public long EncodedLength => RawBytes.IsEmpty ? Encode().LongLength : RawBytes.Length;
}

/// <summary>A content box: <c>cbor</c>, <c>json</c>, <c>uuid</c>, <c>bfdb</c>, <c>bidb</c>, padding, or any unknown type (kept verbatim).</summary>
internal sealed class JumbfContentBox : JumbfBox
{
    /// <summary>Creates a content box.</summary>
    public JumbfContentBox(FourCC type, ReadOnlyMemory<byte> data)
    {
        BoxType = type;
        Data = data;
    }

    /// <inheritdoc />
    public override FourCC BoxType { get; }

    /// <summary>The payload (after the box header).</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <inheritdoc />
    public override byte[] Encode() => RawBytes.IsEmpty ? JumbfBoxWriter.Frame(BoxType, Data.Span) : RawBytes.ToArray();
}
