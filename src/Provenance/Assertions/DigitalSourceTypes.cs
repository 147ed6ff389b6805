namespace Provenance.Assertions;

/// <summary>
/// Digital source types: how a work came to be (IPTC NewsCodes digitalsourcetype, C2PA 2.2 §18.14.4.5), the whole IPTC
/// vocabulary (retired terms included, as files still carry them) and the two C2PA additions. <see cref="Classify"/>
/// says what each one tells about AI; the <c>trainedAlgorithmicMedia</c> family marks generative-AI output.
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

    /// <summary>Original media with minor human edits (retired by IPTC in 2024 for <see cref="HumanEdits"/>).</summary>
    public const string MinorHumanEdits = IptcPrefix + "minorHumanEdits";

    /// <summary>A composite of captured elements (several real-life captures merged), no synthetic element.</summary>
    public const string CompositeCapture = IptcPrefix + "compositeCapture";

    /// <summary>A composite of several elements at least one of which is synthetic (IPTC: not necessarily trained).</summary>
    public const string CompositeSynthetic = IptcPrefix + "compositeSynthetic";

    /// <summary>Digital art made by a person with software (retired by IPTC in 2024 for <see cref="DigitalCreation"/>).</summary>
    public const string DigitalArt = IptcPrefix + "digitalArt";

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
    public static bool IsGenerativeAi(string? uri) => Classify(uri) == DigitalSourceTypeKind.GenerativeAi;

    /// <summary>
    /// Whether the source type says the whole work is the output of a trained model (<c>trainedAlgorithmicMedia</c>,
    /// C2PA's <c>trainedAlgorithmicData</c>), as opposed to a composite with generative-AI elements.
    /// </summary>
    public static bool IsWhollyGenerativeAi(string? uri)
        => Classify(uri) == DigitalSourceTypeKind.GenerativeAi && !NameOf(uri!).Equals("compositeWithTrainedAlgorithmicMedia", StringComparison.Ordinal);

    /// <summary>
    /// What a source type tells about AI, by IPTC's definitions (the README has the table). Trained models
    /// (<c>trainedAlgorithmicMedia</c>, <c>compositeWithTrainedAlgorithmicMedia</c>, <c>trainedAlgorithmicData</c>) are
    /// generative AI. Algorithms that IPTC does not say were trained on sampled content (<c>algorithmicMedia</c>,
    /// <c>algorithmicallyEnhanced</c>, <c>dataDrivenMedia</c>, and <c>compositeSynthetic</c>, whose synthetic element
    /// may or may not come from a trained model) are algorithmic. Captures from real life, scans, and works made or
    /// edited by people (<c>computationalCapture</c> included: IPTC limits its processing to signal processing and
    /// non-generative AI; <c>screenCapture</c> and <c>virtualRecording</c>, recordings of what a screen or a virtual
    /// event showed) are human. <c>composite</c> (IPTC: elements "which may or may not be generative AI"), C2PA's
    /// <c>empty</c>, and any URI outside the two vocabularies say nothing about AI: neutral.
    /// </summary>
    /// <param name="uri">A full URI (<c>http://</c> or <c>https://</c>), or the C2PA 1.x short form <c>c2pa.trainedAlgorithmicData</c>.</param>
    public static DigitalSourceTypeKind Classify(string? uri)
    {
        if (uri is null)
        {
            return DigitalSourceTypeKind.Neutral;
        }

        bool iptc = uri.StartsWith(IptcPrefix, StringComparison.Ordinal) || uri.StartsWith("https://cv.iptc.org/newscodes/digitalsourcetype/", StringComparison.Ordinal);
        bool c2pa = uri.StartsWith("http://c2pa.org/digitalsourcetype/", StringComparison.Ordinal)
            || uri.StartsWith("https://c2pa.org/digitalsourcetype/", StringComparison.Ordinal) || uri.StartsWith("c2pa.", StringComparison.Ordinal);
        string name = NameOf(uri);
        return (iptc, c2pa, name) switch
        {
            (true, _, "trainedAlgorithmicMedia" or "compositeWithTrainedAlgorithmicMedia") => DigitalSourceTypeKind.GenerativeAi,
            (_, true, "trainedAlgorithmicData") => DigitalSourceTypeKind.GenerativeAi,
            (true, _, "algorithmicMedia" or "algorithmicallyEnhanced" or "dataDrivenMedia" or "compositeSynthetic") => DigitalSourceTypeKind.Algorithmic,
            (true, _, "digitalCapture" or "computationalCapture" or "negativeFilm" or "positiveFilm" or "print" or "humanEdits"
                or "minorHumanEdits" or "compositeCapture" or "digitalCreation" or "digitalArt" or "screenCapture" or "virtualRecording") => DigitalSourceTypeKind.Human,
            _ => DigitalSourceTypeKind.Neutral,
        };
    }

    /// <summary>Every source type named here: the IPTC vocabulary (retired terms included) and the C2PA additions.</summary>
    public static IReadOnlyList<string> All => Known;

    private static string NameOf(string uri) => uri[(Math.Max(uri.LastIndexOf('/'), uri.StartsWith("c2pa.", StringComparison.Ordinal) ? 4 : -1) + 1)..];

    private static readonly string[] Known =
    [
        DigitalCapture, ComputationalCapture, NegativeFilm, PositiveFilm, Print, HumanEdits, MinorHumanEdits, CompositeCapture,
        AlgorithmicallyEnhanced, DataDrivenMedia, DigitalCreation, DigitalArt, VirtualRecording, ScreenCapture, Composite,
        CompositeSynthetic, TrainedAlgorithmicMedia, CompositeWithTrainedAlgorithmicMedia, AlgorithmicMedia, Empty, TrainedAlgorithmicData,
    ];
}
