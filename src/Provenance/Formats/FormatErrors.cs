using System.Diagnostics.CodeAnalysis;

namespace Provenance.Formats;

/// <summary>
/// The malformations every container reader meets (a file cut short, boxes nested too deep, a store too large or given
/// twice), worded once. The throwing methods keep the throw out of the readers' hot loops.
/// </summary>
internal static class FormatErrors
{
    /// <summary>Thrown when <paramref name="needed"/> bytes are read at <paramref name="offset"/> but only <paramref name="remaining"/> are left.</summary>
    [DoesNotReturn]
    public static void ThrowTruncated(FormatLayer layer, long offset, long needed, long remaining)
        => throw new ProvenanceFormatException(layer, offset, $"needs {needed} bytes but the file ends after {remaining}");

    /// <summary>Thrown when a read starts at or past the end of the file.</summary>
    [DoesNotReturn]
    public static void ThrowUnexpectedEnd(FormatLayer layer, long offset)
        => throw new ProvenanceFormatException(layer, offset, "unexpected end of file");

    /// <summary>Thrown when boxes nest deeper than the reader's limit.</summary>
    [DoesNotReturn]
    public static void ThrowNestedTooDeep(FormatLayer layer, long offset, int maxDepth)
        => throw new ProvenanceFormatException(layer, offset, $"boxes nested deeper than {maxDepth}");

    /// <summary>Thrown when a manifest store is larger than <see cref="AssetReadOptions.MaxManifestStoreSize"/>.</summary>
    [DoesNotReturn]
    public static void ThrowStoreTooLarge(FormatLayer layer, long offset, int maxStoreSize)
        => throw new ProvenanceFormatException(layer, offset, $"the manifest store is larger than the {maxStoreSize}-byte limit");

    /// <summary>Thrown when a file carries a second manifest store (C2PA 2.2 §A.3 allows one per asset); <paramref name="what"/> names its carrier.</summary>
    [DoesNotReturn]
    public static void ThrowSecondStore(FormatLayer layer, long offset, string what)
        => throw new ProvenanceFormatException(layer, offset, $"the file carries more than one {what}");

    /// <summary>Thrown when a container holds more entries than <see cref="AssetReadOptions.MaxContainerEntries"/>.</summary>
    [DoesNotReturn]
    public static void ThrowTooManyEntries(FormatLayer layer, long offset, int maxEntries, string what)
        => throw new ProvenanceFormatException(layer, offset, $"the file holds more than {maxEntries} {what}, the limit (AssetReadOptions.MaxContainerEntries)");
}
