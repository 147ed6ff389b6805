namespace Provenance.Tests;

/// <summary>Names in several scripts, for round trips of credit fields (chosen to need more than Latin-1 and NFC care).</summary>
internal static class CreditNames
{
    /// <summary>Arabic (right-to-left, with a shadda).</summary>
    public const string Arabic = "نجيب محفوظ";

    /// <summary>Chinese (CJK ideographs, one outside the BMP: U+20BB7).</summary>
    public const string Chinese = "鲁迅 𠮷";

    /// <summary>Devanagari (combining vowel signs and a virama).</summary>
    public const string Devanagari = "प्रेमचंद";

    /// <summary>Cyrillic.</summary>
    public const string Cyrillic = "Анна Ахматова";

    /// <summary>Latin with a decomposed accent (e + U+0301): must not be normalised to NFC.</summary>
    public const string Decomposed = "Rene\u0301 Magritte";

    public static IReadOnlyList<string> All { get; } = [Arabic, Chinese, Devanagari, Cyrillic, Decomposed];
}
