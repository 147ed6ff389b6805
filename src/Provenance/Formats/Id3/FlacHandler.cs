namespace Provenance.Formats.Id3;

/// <summary>C2PA manifest stores in an ID3v2 tag before a FLAC stream, as <see cref="Id3AudioHandler"/> places them.</summary>
internal sealed class FlacHandler : Id3AudioHandler
{
    /// <inheritdoc />
    public override IAssetFormat Format => FlacFormat.Instance;

    /// <inheritdoc />
    /// <remarks>The FLAC stream's marker must follow the tag (c2pa-rs checks it too).</remarks>
    protected override void ValidateAudioStart(Stream asset, long offset)
    {
        Span<byte> marker = stackalloc byte[4];
        asset.Position = offset;
        if (asset.ReadAtLeast(marker, 4, throwOnEndOfStream: false) < 4 || !marker.SequenceEqual("fLaC"u8))
        {
            throw new ProvenanceFormatException(FormatLayer.Id3, offset, "the FLAC stream's fLaC marker is not where the ID3 tag ends");
        }
    }
}
