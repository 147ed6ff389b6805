namespace Provenance.Assertions;

/// <summary>Standard action names (C2PA 2.2 §18.14.4, Table 8).</summary>
public static class C2paActions
{
    /// <summary>The asset was created (first action of a new asset).</summary>
    public const string Created = "c2pa.created";

    /// <summary>An existing asset was opened (first action when editing a parent).</summary>
    public const string Opened = "c2pa.opened";

    /// <summary>An ingredient was placed into the asset.</summary>
    public const string Placed = "c2pa.placed";

    /// <summary>A <c>componentOf</c> ingredient was removed (deprecated in C2PA 2.5 for <c>c2pa.deleted</c>).</summary>
    public const string Removed = "c2pa.removed";

    /// <summary>Translation; its parameters name <c>sourceLanguage</c> and <c>targetLanguage</c> (BCP 47).</summary>
    public const string Translated = "c2pa.translated";

    /// <summary>Generic edit.</summary>
    public const string Edited = "c2pa.edited";

    /// <summary>Colour adjustment.</summary>
    public const string AdjustedColor = "c2pa.adjustedColor";

    /// <summary>Cropping.</summary>
    public const string Cropped = "c2pa.cropped";

    /// <summary>Resizing.</summary>
    public const string Resized = "c2pa.resized";

    /// <summary>Format conversion.</summary>
    public const string Converted = "c2pa.converted";

    /// <summary>Transcoding without editorial change.</summary>
    public const string Transcoded = "c2pa.transcoded";

    /// <summary>Repackaging without re-encoding.</summary>
    public const string Repackaged = "c2pa.repackaged";

    /// <summary>Publication.</summary>
    public const string Published = "c2pa.published";

    /// <summary>Trimming (audio/video).</summary>
    public const string Trimmed = "c2pa.trimmed";
}
