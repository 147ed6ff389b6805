namespace Provenance.Assertions;

/// <summary>
/// Digital source types: how a work came to be (IPTC NewsCodes digitalsourcetype, C2PA 2.2 §18.14.4.5).
/// The <c>trainedAlgorithmicMedia</c> family marks generative-AI output.
/// </summary>
public static class DigitalSourceTypes
{
    /// <summary>The IPTC vocabulary prefix.</summary>
    public const string IptcPrefix = "http://cv.iptc.org/newscodes/digitalsourcetype/";

    /// <summary>Captured by a camera or recorder from the real world.</summary>
    public const string DigitalCapture = IptcPrefix + "digitalCapture";

    /// <summary>Captured with computational processing (for example a phone's multi-frame capture).</summary>
    public const string ComputationalCapture = IptcPrefix + "computationalCapture";

    /// <summary>Created by a person with software (drawing, 3D, music production), no generative model.</summary>
    public const string DigitalCreation = IptcPrefix + "digitalCreation";

    /// <summary>Made by a generative model trained on sampled content (generative AI).</summary>
    public const string TrainedAlgorithmicMedia = IptcPrefix + "trainedAlgorithmicMedia";

    /// <summary>A composite that includes generative-AI elements.</summary>
    public const string CompositeWithTrainedAlgorithmicMedia = IptcPrefix + "compositeWithTrainedAlgorithmicMedia";

    /// <summary>Made by an algorithm without training data (procedural).</summary>
    public const string AlgorithmicMedia = IptcPrefix + "algorithmicMedia";

    /// <summary>Enhanced by algorithms (denoise, upscaling) from captured content.</summary>
    public const string AlgorithmicallyEnhanced = IptcPrefix + "algorithmicallyEnhanced";

    /// <summary>A composite of several elements.</summary>
    public const string Composite = IptcPrefix + "composite";

    /// <summary>A screenshot or screen recording.</summary>
    public const string ScreenCapture = IptcPrefix + "screenCapture";

    /// <summary>Edited by people.</summary>
    public const string HumanEdits = IptcPrefix + "humanEdits";

    /// <summary>Data-driven media (visualisations of data).</summary>
    public const string DataDrivenMedia = IptcPrefix + "dataDrivenMedia";

    /// <summary>Scanned from negative film.</summary>
    public const string NegativeFilm = IptcPrefix + "negativeFilm";

    /// <summary>Scanned from positive film.</summary>
    public const string PositiveFilm = IptcPrefix + "positiveFilm";

    /// <summary>Scanned from a print.</summary>
    public const string Print = IptcPrefix + "print";

    /// <summary>A recording of a virtual event (a game, a simulation).</summary>
    public const string VirtualRecording = IptcPrefix + "virtualRecording";

    /// <summary>C2PA: an empty canvas.</summary>
    public const string Empty = "http://c2pa.org/digitalsourcetype/empty";

    /// <summary>C2PA: data produced by a trained model (not media).</summary>
    public const string TrainedAlgorithmicData = "http://c2pa.org/digitalsourcetype/trainedAlgorithmicData";

    /// <summary>
    /// Resolves a short IPTC name (<c>trainedAlgorithmicMedia</c>) or a full URI to the full URI; null if unknown.
    /// </summary>
    public static string? Resolve(string nameOrUri)
    {
        ArgumentNullException.ThrowIfNull(nameOrUri);
        if (nameOrUri.StartsWith("http://", StringComparison.Ordinal) || nameOrUri.StartsWith("https://", StringComparison.Ordinal))
        {
            return nameOrUri;
        }

        return Known.FirstOrDefault(uri => uri.EndsWith("/" + nameOrUri, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Whether the source type says the content was produced by generative AI, wholly or in part.</summary>
    public static bool IsGenerativeAi(string? uri) => uri is not null && (
        uri.EndsWith("/trainedAlgorithmicMedia", StringComparison.Ordinal)
        || uri.EndsWith("/compositeWithTrainedAlgorithmicMedia", StringComparison.Ordinal)
        || uri.EndsWith("/trainedAlgorithmicData", StringComparison.Ordinal)
        || uri == "c2pa.trainedAlgorithmicData");

    private static readonly string[] Known =
    [
        DigitalCapture, ComputationalCapture, DigitalCreation, TrainedAlgorithmicMedia, CompositeWithTrainedAlgorithmicMedia,
        AlgorithmicMedia, AlgorithmicallyEnhanced, Composite, ScreenCapture, HumanEdits, DataDrivenMedia, NegativeFilm,
        PositiveFilm, Print, VirtualRecording, Empty, TrainedAlgorithmicData,
    ];
}
