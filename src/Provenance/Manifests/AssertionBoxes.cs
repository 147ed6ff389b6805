using System.Text;
using Provenance.Cbor;
using Provenance.Cryptography;
using Provenance.Jumbf;

namespace Provenance.Manifests;

/// <summary>
/// Builds assertion superboxes (C2PA 2.2 §11.1.4.3): a description box and one content box. <c>salt</c> is where the
/// description's random salt comes from (<see cref="SigningOptions.Randomness"/>), or null for no salt.
/// </summary>
internal static class AssertionBoxes
{
    /// <summary>Length of the random salt put in every assertion's description box (C2PA 2.2 §8.4.2.3 asks for ≥ 16 bytes).</summary>
    public const int SaltLength = 16;

    /// <summary>A CBOR assertion.</summary>
    public static JumbfSuperBox Cbor(string label, ReadOnlyMemory<byte> cbor, IRandomSource? salt = null)
        => Build(C2paBoxTypes.CborAssertion, label, salt, new JumbfContentBox(FourCC.Cbor, cbor));

    /// <summary>A CBOR assertion from a value (encoded deterministically).</summary>
    public static JumbfSuperBox Cbor(string label, CborValue value, IRandomSource? salt = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Cbor(label, value.Encode(), salt);
    }

    /// <summary>A JSON assertion (UTF-8 text in a <c>json</c> box).</summary>
    public static JumbfSuperBox Json(string label, string json, IRandomSource? salt = null)
        => Build(C2paBoxTypes.JsonAssertion, label, salt, new JumbfContentBox(FourCC.Json, Encoding.UTF8.GetBytes(json)));

    /// <summary>An embedded-file assertion (thumbnail, icon): a <c>bfdb</c> description and the <c>bidb</c> bytes.</summary>
    public static JumbfSuperBox EmbeddedFile(string label, string mediaType, ReadOnlyMemory<byte> data, IRandomSource? salt = null)
        => Build(
            C2paBoxTypes.EmbeddedFile,
            label,
            salt,
            new JumbfContentBox(FourCC.Bfdb, EmbeddedFileBoxes.EncodeDescription(mediaType, null)),
            new JumbfContentBox(FourCC.Bidb, data));

    private static JumbfSuperBox Build(JumbfUuid type, string label, IRandomSource? salt, params JumbfBox[] content)
    {
        var description = new JumbfDescription(type, label)
        {
            // Typed: a null byte[] would become an empty, present salt through ReadOnlyMemory's conversion, and an
            // empty c2sh box would be written into every unsalted assertion.
            Salt = salt is null ? (ReadOnlyMemory<byte>?)null : salt.GetBytes(SaltLength),
        };
        return new JumbfSuperBox(description, content);
    }
}
