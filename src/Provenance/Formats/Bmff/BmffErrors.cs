using System.Diagnostics.CodeAnalysis;
using Provenance.Jumbf;

namespace Provenance.Formats.Bmff;

/// <summary>The box-structure malformations of ISO BMFF (ISO/IEC 14496-12 §4.2), worded once and thrown out of the box walk's loop.</summary>
internal static class BmffErrors
{
    /// <summary>Thrown when a box header (or its 64-bit size, or a <c>uuid</c> box's extended type) is cut off by its container's end.</summary>
    [DoesNotReturn]
    public static void ThrowHeaderCutOff(long at, string what)
        => throw new ProvenanceFormatException(FormatLayer.Bmff, at, what);

    /// <summary>Thrown when a box declares fewer bytes than its own header takes.</summary>
    [DoesNotReturn]
    public static void ThrowSmallerThanHeader(long at, FourCC type, long size, int header)
        => throw new ProvenanceFormatException(FormatLayer.Bmff, at, $"box '{type}' declares {size} bytes, less than its {header}-byte header");

    /// <summary>Thrown when a box runs past the end of its container.</summary>
    [DoesNotReturn]
    public static void ThrowPastEnd(long at, FourCC type, long size, long remaining)
        => throw new ProvenanceFormatException(FormatLayer.Bmff, at, $"box '{type}' of {size} bytes runs past its container ({remaining} bytes remain)");

    /// <summary>The error for a file whose first box is not <c>ftyp</c> (ISO/IEC 14496-12 §4.3: it comes first).</summary>
    public static ProvenanceFormatException NoFtyp() => new(FormatLayer.Bmff, 0, "the file does not start with an ftyp box");
}
