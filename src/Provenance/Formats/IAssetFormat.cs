namespace Provenance.Formats;

/// <summary>A container format that can carry a C2PA manifest store (JPEG, PNG, ISO BMFF, ...).</summary>
internal interface IAssetFormat
{
    /// <summary>Short name, for example <c>JPEG</c>.</summary>
    string Name { get; }

    /// <summary>MIME types of this format; the first is the canonical one.</summary>
    IReadOnlyList<string> MimeTypes { get; }

    /// <summary>File extensions without the dot, lower case.</summary>
    IReadOnlyList<string> Extensions { get; }

    /// <summary>How many leading bytes <see cref="TryDetect"/> needs to decide.</summary>
    int HeaderSize { get; }

    /// <summary>Decides from the leading bytes of a file whether it is of this format (content, never the name).</summary>
    bool TryDetect(ReadOnlySpan<byte> header, out string mimeType);

    /// <summary>Creates the handler that reads and writes manifest stores in this format.</summary>
    IAssetHandler CreateHandler();
}
