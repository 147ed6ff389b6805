using Provenance.Jumbf;

namespace Provenance.Tests.Jumbf;

public class BoxReaderTests
{
    // Two boxes: 'outr' (8 + 16 bytes) holding 'innr' (8 + 8 bytes), then 'next' (8 bytes), at offset 100 of some file.
    private static readonly byte[] Boxes =
    [
        0, 0, 0, 24, .. "outr"u8, 0, 0, 0, 16, .. "innr"u8, 1, 2, 3, 4, 5, 6, 7, 8,
        0, 0, 0, 8, .. "next"u8,
    ];

    [Fact]
    public void ReadBox_Nested_HeadersHaveAbsoluteOffsets()
    {
        var reader = new BoxReader(Boxes, baseOffset: 100);

        BoxReader outer = reader.ReadBox(out BoxHeader outerHeader);
        BoxReader inner = outer.ReadBox(out BoxHeader innerHeader);
        BoxHeader next = reader.PeekHeader();

        Assert.Equal((new FourCC("outr"), 100L, 24L), (outerHeader.Type, outerHeader.Offset, outerHeader.Size));
        Assert.Equal((new FourCC("innr"), 108L, 116L), (innerHeader.Type, innerHeader.Offset, innerHeader.PayloadOffset));
        Assert.Equal(116, inner.Offset);
        Assert.Equal(8, inner.Remaining.Length);
        Assert.False(outer.HasData);
        Assert.Equal((new FourCC("next"), 124L), (next.Type, next.Offset));
    }

    [Fact]
    public void ReadBox_ChildClaimsMoreThanItsParentHolds_ThrowsAtTheChildsAbsoluteOffset()
    {
        byte[] boxes = [.. Boxes];
        boxes[11] = 24; // 'innr' now claims 24 bytes: within the data, but past the end of 'outr'

        var reader = new BoxReader(boxes, baseOffset: 100);
        BoxReader outer = reader.ReadBox(out _);
        long offset = outer.Offset;
        ProvenanceFormatException? ex = null;
        try
        {
            outer.ReadBox(out _);
        }
        catch (ProvenanceFormatException caught)
        {
            ex = caught;
        }

        Assert.NotNull(ex);
        Assert.Equal((FormatLayer.Jumbf, 108L), (ex.Layer, ex.Offset));
        Assert.Equal(108, offset);
        Assert.Contains("'innr' of 24 bytes runs past its container (16 bytes remain)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PeekHeader_SizeZero_RunsToTheEndOfTheParent()
    {
        byte[] boxes = [0, 0, 0, 0, .. "rest"u8, 9, 9, 9];

        BoxHeader header = new BoxReader(boxes, 40).PeekHeader();

        Assert.Equal((40L, 11L, 51L), (header.Offset, header.Size, header.End));
    }

    [Fact]
    public void PeekHeader_LargeSize_ReadsSixteenByteHeader()
    {
        byte[] boxes = [0, 0, 0, 1, .. "larg"u8, 0, 0, 0, 0, 0, 0, 0, 18, 7, 7];

        BoxHeader header = new BoxReader(boxes).PeekHeader();

        Assert.Equal((18L, 16, 2L), (header.Size, header.HeaderLength, header.PayloadLength));
    }
}
