using System.Buffers.Binary;
using System.Text;

namespace Provenance.Jumbf;

/// <summary>
/// Reads JUMBF superboxes from memory. Every child is read within its parent's bounds; sizes, labels and description
/// boxes are checked, and every problem is a <see cref="ProvenanceFormatException"/> in layer <c>JUMBF</c> with the offset.
/// </summary>
internal static class JumbfReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>Reads the superbox at the start of <paramref name="data"/>. Only zero padding may follow it.</summary>
    public static JumbfSuperBox ReadSuperBox(ReadOnlyMemory<byte> data, JumbfReaderOptions? options = null)
    {
        var state = new State(options ?? JumbfReaderOptions.Default);
        (FourCC type, long size, int header) = ReadHeader(data.Span, 0, data.Length);
        if (type != FourCC.Jumb)
        {
            throw Error(0, $"expected a jumb superbox, found '{type}'");
        }

        JumbfSuperBox box = ReadSuper(data[..(int)size], 0, header, 0, state);
        if (data.Span[(int)size..].IndexOfAnyExcept((byte)0) >= 0)
        {
            throw Error(size, "data follows the superbox");
        }

        return box;
    }

    private static JumbfSuperBox ReadSuper(ReadOnlyMemory<byte> box, long offset, int header, int depth, State state)
    {
        if (depth > state.Options.MaxDepth)
        {
            throw Error(offset, $"superboxes nested deeper than {state.Options.MaxDepth}");
        }

        ReadOnlySpan<byte> span = box.Span;
        int position = header;
        if (position >= span.Length)
        {
            throw Error(offset, "superbox has no description box");
        }

        (FourCC firstType, long firstSize, int firstHeader) = ReadHeader(span, position, span.Length);
        if (firstType != FourCC.Jumd)
        {
            throw Error(offset + position, $"the first box of a superbox must be jumd, found '{firstType}'");
        }

        JumbfDescription description = ReadDescription(box.Slice(position + firstHeader, (int)firstSize - firstHeader), offset + position + firstHeader);
        position += (int)firstSize;
        var children = new List<JumbfBox>();
        while (position < span.Length)
        {
            if (++state.Boxes > state.Options.MaxBoxes)
            {
                throw Error(offset + position, $"more than {state.Options.MaxBoxes} boxes");
            }

            (FourCC type, long size, int childHeader) = ReadHeader(span, position, span.Length);
            ReadOnlyMemory<byte> child = box.Slice(position, (int)size);
            children.Add(type == FourCC.Jumb
                ? ReadSuper(child, offset + position, childHeader, depth + 1, state)
                : new JumbfContentBox(type, child[childHeader..]) { RawBytes = child, Offset = offset + position });
            position += (int)size;
        }

        return new JumbfSuperBox(description, children, box, offset, header);
    }

    private static JumbfDescription ReadDescription(ReadOnlyMemory<byte> payload, long offset)
    {
        ReadOnlySpan<byte> span = payload.Span;
        if (span.Length < 17)
        {
            throw Error(offset, "description box shorter than its type and toggles");
        }

        var type = new JumbfUuid(span[..16]);
        byte toggles = span[16];
        int position = 17;

        // C2PA 2.2 §11.1.4.1.2: every C2PA description box is requestable and labelled (c2pa-rs rejects others too).
        if ((toggles & 0x03) != 0x03)
        {
            throw Error(offset + 16, $"description box toggles 0x{toggles:X2} lack the requestable and label bits C2PA requires");
        }

        int end = span[position..].IndexOf((byte)0);
        if (end < 0)
        {
            throw Error(offset + position, "label is not NUL-terminated");
        }

        string label;
        try
        {
            label = StrictUtf8.GetString(span.Slice(position, end));
        }
        catch (DecoderFallbackException)
        {
            throw Error(offset + position, "label is not UTF-8");
        }

        position += end + 1;
        uint? id = null;
        if ((toggles & JumbfDescription.IdBit) != 0)
        {
            Need(span, position, 4, offset, "ID");
            id = BinaryPrimitives.ReadUInt32BigEndian(span[position..]);
            position += 4;
        }

        ReadOnlyMemory<byte>? signature = null;
        if ((toggles & JumbfDescription.SignatureBit) != 0)
        {
            Need(span, position, 32, offset, "signature");
            signature = payload.Slice(position, 32);
            position += 32;
        }

        ReadOnlyMemory<byte>? salt = null;
        ReadOnlyMemory<byte>? other = null;
        if ((toggles & JumbfDescription.PrivateBit) != 0)
        {
            (FourCC privateType, long privateSize, int privateHeader) = ReadHeader(span, position, span.Length);
            if (privateType == FourCC.C2sh)
            {
                salt = payload.Slice(position + privateHeader, (int)privateSize - privateHeader);
            }
            else
            {
                other = payload.Slice(position, (int)privateSize);
            }

            position += (int)privateSize;
        }

        if (position != span.Length)
        {
            throw Error(offset + position, $"description box has {span.Length - position} unexpected bytes at its end");
        }

        return new JumbfDescription(type, label)
        {
            Requestable = (toggles & JumbfDescription.RequestableBit) != 0,
            Id = id,
            Signature = signature,
            Salt = salt,
            OtherPrivateBox = other,
        };
    }

    /// <summary>Reads a box header at <paramref name="position"/>; the box must end by <paramref name="limit"/>.</summary>
    private static (FourCC Type, long Size, int HeaderLength) ReadHeader(ReadOnlySpan<byte> span, int position, int limit)
    {
        if (limit - position < 8)
        {
            throw Error(position, $"box header needs 8 bytes, {limit - position} remain");
        }

        long size = BinaryPrimitives.ReadUInt32BigEndian(span[position..]);
        var type = new FourCC(BinaryPrimitives.ReadUInt32BigEndian(span[(position + 4)..]));
        int header = 8;
        if (size == 1)
        {
            if (limit - position < 16)
            {
                throw Error(position, "box with a 64-bit size is truncated");
            }

            ulong large = BinaryPrimitives.ReadUInt64BigEndian(span[(position + 8)..]);
            if (large > (ulong)(limit - position))
            {
                throw Error(position, $"box '{type}' of {large} bytes runs past its container ({limit - position} bytes remain)");
            }

            size = (long)large;
            header = 16;
        }
        else if (size == 0)
        {
            size = limit - position;
        }

        if (size < header)
        {
            throw Error(position, $"box '{type}' declares {size} bytes, less than its header");
        }

        if (size > limit - position)
        {
            throw Error(position, $"box '{type}' of {size} bytes runs past its container ({limit - position} bytes remain)");
        }

        return (type, size, header);
    }

    private static void Need(ReadOnlySpan<byte> span, int position, int count, long offset, string what)
    {
        if (span.Length - position < count)
        {
            throw Error(offset + position, $"description box ends inside its {what}");
        }
    }

    private static ProvenanceFormatException Error(long offset, string message) => new(FormatLayer.Jumbf, offset, message);

    private sealed class State(JumbfReaderOptions options)
    {
        public JumbfReaderOptions Options { get; } = options;

        public int Boxes { get; set; }
    }
}
