using System.Security.Cryptography;
using System.Text;
using Provenance.Cbor;
using Provenance.Jumbf;

namespace Provenance.Manifests;

/// <summary>Builds assertion superboxes (C2PA 2.2 §11.1.4.3): a description box and one content box.</summary>
internal static class AssertionBoxes
{
    /// <summary>Length of the random salt put in every assertion's description box (C2PA 2.2 §8.4.2.3 asks for ≥ 16 bytes).</summary>
    public const int SaltLength = 16;

    /// <summary>A CBOR assertion.</summary>
    public static JumbfSuperBox Cbor(string label, ReadOnlyMemory<byte> cbor, bool salted = true)
        => Build(C2paBoxTypes.CborAssertion, label, salted, new JumbfContentBox(FourCC.Cbor, cbor));

    /// <summary>A CBOR assertion from a value (encoded deterministically).</summary>
    public static JumbfSuperBox Cbor(string label, CborValue value, bool salted = true)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Cbor(label, value.Encode(), salted);
    }

    /// <summary>A JSON assertion (UTF-8 text in a <c>json</c> box).</summary>
    public static JumbfSuperBox Json(string label, string json, bool salted = true)
        => Build(C2paBoxTypes.JsonAssertion, label, salted, new JumbfContentBox(FourCC.Json, Encoding.UTF8.GetBytes(json)));

    /// <summary>An embedded-file assertion (thumbnail, icon): a <c>bfdb</c> description and the <c>bidb</c> bytes.</summary>
    public static JumbfSuperBox EmbeddedFile(string label, string mediaType, ReadOnlyMemory<byte> data, bool salted = true)
        => Build(
            C2paBoxTypes.EmbeddedFile,
            label,
            salted,
            new JumbfContentBox(FourCC.Bfdb, EmbeddedFileBoxes.EncodeDescription(mediaType, null)),
            new JumbfContentBox(FourCC.Bidb, data));

    private static JumbfSuperBox Build(JumbfUuid type, string label, bool salted, params JumbfBox[] content)
    {
        var description = new JumbfDescription(type, label)
        {
            Salt = salted ? RandomNumberGenerator.GetBytes(SaltLength) : null,
        };
        return new JumbfSuperBox(description, content);
    }
}
