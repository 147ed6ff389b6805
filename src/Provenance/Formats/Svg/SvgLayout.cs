namespace Provenance.Formats.Svg;

/// <summary>A <c>c2pa:manifest</c> element found at <c>svg/metadata/c2pa:manifest</c>.</summary>
/// <param name="Start">Offset of its start tag's '&lt;'.</param>
/// <param name="ContentStart">Offset of its text (the base64 store).</param>
/// <param name="ContentEnd">Offset of its end tag's '&lt;'.</param>
/// <param name="End">Offset just past its end tag.</param>
internal readonly record struct SvgManifestElement(long Start, long ContentStart, long ContentEnd, long End);

/// <summary>Where in an SVG document the manifest store is, or would go (byte offsets).</summary>
/// <param name="RootTagClose">Offset of the '&gt;' that closes the root <c>svg</c> start tag.</param>
/// <param name="RootDeclaresC2pa">Whether the root declares <c>xmlns:c2pa</c>.</param>
/// <param name="MetadataContentStart">Just past the first <c>metadata</c> start tag among the root's children, if any.</param>
/// <param name="Manifest">The <c>c2pa:manifest</c> element, if any.</param>
internal sealed record SvgLayout(long RootTagClose, bool RootDeclaresC2pa, long? MetadataContentStart, SvgManifestElement? Manifest);
