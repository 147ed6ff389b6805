using System.Buffers.Binary;

namespace Provenance.Jumbf;

/// <summary>Frames payloads as boxes: LBox, TBox and, past 4 GiB, XLBox (ISO/IEC 19566-5 §A.3).</summary>
internal static class JumbfBoxWriter
{
    public static byte[] Frame(FourCC type, ReadOnlySpan<byte> payload)
    {
        long size = 8L + payload.Length;
        bool large = size > uint.MaxValue;
        byte[] box = new byte[(large ? 16 : 8) + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(box, large ? 1u : (uint)size);
        BinaryPrimitives.WriteUInt32BigEndian(box.AsSpan(4), type.Value);
        if (large)
        {
            BinaryPrimitives.WriteUInt64BigEndian(box.AsSpan(8), (ulong)(size + 8));
        }

        payload.CopyTo(box.AsSpan(large ? 16 : 8));
        return box;
    }
}
