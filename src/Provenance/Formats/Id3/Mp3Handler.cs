namespace Provenance.Formats.Id3;

/// <summary>C2PA manifest stores in an MP3's ID3v2 tag (C2PA 2.2 §A.3.9), as <see cref="Id3AudioHandler"/> places them.</summary>
internal sealed class Mp3Handler : Id3AudioHandler
{
    /// <inheritdoc />
    public override IAssetFormat Format => Mp3Format.Instance;

    /// <inheritdoc />
    /// <remarks>
    /// Without a tag the file must start with a frame; after a tag nothing is required (c2pa-rs checks nothing either:
    /// decoders resynchronise past junk).
    /// </remarks>
    protected override void ValidateAudioStart(Stream asset, long offset)
    {
        if (offset > 0)
        {
            return;
        }

        Span<byte> header = stackalloc byte[2];
        asset.Position = 0;
        if (asset.ReadAtLeast(header, 2, throwOnEndOfStream: false) < 2 || !Mp3Format.IsFrameSync(header))
        {
            throw new ProvenanceFormatException(FormatLayer.Id3, 0, "the file starts with neither an ID3 tag nor an MPEG audio frame");
        }
    }
}
