using System.Buffers.Binary;
using System.Text;

namespace Provenance.Jumbf;

/// <summary>
/// Reads JUMBF superboxes from memory. Every child is read through a <see cref="BoxReader"/> bounded to its parent's
/// payload; sizes, labels and description boxes are checked, and every problem is a
/// <see cref="ProvenanceFormatException"/> in layer <c>JUMBF</c> with the absolute offset in the data read.
/// </summary>
internal static class JumbfReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>Reads the superbox at the start of <paramref name="data"/>. Only zero padding may follow it.</summary>
    public static JumbfSuperBox ReadSuperBox(ReadOnlyMemory<byte> data, JumbfReaderOptions? options = null)
    {
        var state = new State(data, options ?? JumbfReaderOptions.Default);
        var reader = new BoxReader(data.Span);
        BoxHeader header = reader.PeekHeader();
        if (header.Type != FourCC.Jumb)
        {
            throw Error(0, $"expected a jumb superbox, found '{header.Type}'");
        }

        JumbfSuperBox box = ReadSuper(header, reader.ReadBox(out _), 0, state);
        if (reader.Remaining.IndexOfAnyExcept((byte)0) >= 0)
        {
            throw Error(header.End, "data follows the superbox");
        }

        return box;
    }

    private static JumbfSuperBox ReadSuper(BoxHeader header, BoxReader payload, int depth, State state)
    {
        if (depth > state.Options.MaxDepth)
        {
            throw Error(header.Offset, $"superboxes nested deeper than {state.Options.MaxDepth}");
        }

        if (!payload.HasData)
        {
            throw Error(header.Offset, "superbox has no description box");
        }

        BoxHeader first = payload.PeekHeader();
        if (first.Type != FourCC.Jumd)
        {
            throw Error(first.Offset, $"the first box of a superbox must be jumd, found '{first.Type}'");
        }

        JumbfDescription description = ReadDescription(payload.ReadBox(out _), state);
        var children = new List<JumbfBox>();
        while (payload.HasData)
        {
            if (++state.Boxes > state.Options.MaxBoxes)
            {
                throw payload.Error($"more than {state.Options.MaxBoxes} boxes");
            }

            BoxReader child = payload.ReadBox(out BoxHeader childHeader);
            ReadOnlyMemory<byte> raw = state.Slice(childHeader.Offset, childHeader.Size);
            children.Add(childHeader.Type == FourCC.Jumb
                ? ReadSuper(childHeader, child, depth + 1, state)
                : new JumbfContentBox(childHeader.Type, raw[childHeader.HeaderLength..]) { RawBytes = raw, Offset = childHeader.Offset });
        }

        return new JumbfSuperBox(description, children, state.Slice(header.Offset, header.Size), header.Offset, header.HeaderLength);
    }

    private static JumbfDescription ReadDescription(BoxReader payload, State state)
    {
        if (payload.Remaining.Length < 17)
        {
            throw payload.Error("description box shorter than its type and toggles");
        }

        var type = new JumbfUuid(payload.ReadBytes(16, "the description type"));
        byte toggles = payload.Remaining[0];

        // C2PA 2.2 §11.1.4.1.2: every C2PA description box is requestable and labelled (c2pa-rs rejects others too).
        if ((toggles & 0x03) != 0x03)
        {
            throw payload.Error($"description box toggles 0x{toggles:X2} lack the requestable and label bits C2PA requires");
        }

        payload.ReadBytes(1, "the toggles");
        int end = payload.Remaining.IndexOf((byte)0);
        if (end < 0)
        {
            throw payload.Error("label is not NUL-terminated");
        }

        string label;
        try
        {
            label = StrictUtf8.GetString(payload.Remaining[..end]);
        }
        catch (DecoderFallbackException)
        {
            throw payload.Error("label is not UTF-8");
        }

        payload.ReadBytes(end + 1, "the label");
        uint? id = null;
        if ((toggles & JumbfDescription.IdBit) != 0)
        {
            id = BinaryPrimitives.ReadUInt32BigEndian(payload.ReadBytes(4, "the description box's ID"));
        }

        ReadOnlyMemory<byte>? signature = null;
        if ((toggles & JumbfDescription.SignatureBit) != 0)
        {
            long at = payload.Offset;
            payload.ReadBytes(32, "the description box's signature");
            signature = state.Slice(at, 32);
        }

        ReadOnlyMemory<byte>? salt = null;
        ReadOnlyMemory<byte>? other = null;
        if ((toggles & JumbfDescription.PrivateBit) != 0)
        {
            payload.ReadBox(out BoxHeader privateBox);
            if (privateBox.Type == FourCC.C2sh)
            {
                salt = state.Slice(privateBox.PayloadOffset, privateBox.PayloadLength);
            }
            else
            {
                other = state.Slice(privateBox.Offset, privateBox.Size);
            }
        }

        if (payload.HasData)
        {
            throw payload.Error($"description box has {payload.Remaining.Length} unexpected bytes at its end");
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

    private static ProvenanceFormatException Error(long offset, string message) => new(FormatLayer.Jumbf, offset, message);

    private sealed class State(ReadOnlyMemory<byte> data, JumbfReaderOptions options)
    {
        public JumbfReaderOptions Options { get; } = options;

        public int Boxes { get; set; }

        /// <summary>The bytes at an absolute offset (boxes keep their exact bytes, C2PA hashes them).</summary>
        public ReadOnlyMemory<byte> Slice(long offset, long length) => data.Slice((int)offset, (int)length);
    }
}
