using Provenance.Cbor;
using Provenance.Jumbf;

namespace Provenance.Assertions;

/// <summary>
/// The codec contract of an assertion type (C2PA 2.2 §6.4): its label, and how its content box is read and written.
/// An assertion's content is CBOR (<see cref="ICborAssertion{TSelf}"/>) or JSON (<see cref="IJsonAssertion{TSelf}"/>),
/// as in c2pa-rs's <c>assertion.rs</c>, where <c>AssertionBase::LABEL</c> goes with <c>AssertionCbor</c> or
/// <c>AssertionJson</c>.
/// </summary>
/// <typeparam name="TSelf">The assertion type.</typeparam>
internal interface IAssertion<TSelf>
    where TSelf : IAssertion<TSelf>
{
    /// <summary>The label this type is written under, without an instance suffix (<c>c2pa.actions.v2</c>...).</summary>
    static abstract string Label { get; }
}

/// <summary>An assertion whose content is a CBOR map in a <c>cbor</c> box.</summary>
/// <typeparam name="TSelf">The assertion type.</typeparam>
internal interface ICborAssertion<TSelf> : IAssertion<TSelf>
    where TSelf : ICborAssertion<TSelf>
{
    /// <summary>Reads the assertion from its decoded content.</summary>
    /// <exception cref="ProvenanceFormatException">Layer <see cref="FormatLayer.Assertion"/>: a field missing, mistyped or out of range.</exception>
    static abstract TSelf FromCbor(CborValue value);

    /// <summary>The content map, to be encoded deterministically.</summary>
    CborMap ToCbor();
}

/// <summary>An assertion whose content is UTF-8 JSON in a <c>json</c> box.</summary>
/// <typeparam name="TSelf">The assertion type.</typeparam>
internal interface IJsonAssertion<TSelf> : IAssertion<TSelf>
    where TSelf : IJsonAssertion<TSelf>
{
    /// <summary>Reads the assertion from its UTF-8 JSON content.</summary>
    /// <exception cref="ProvenanceFormatException">Layer <see cref="FormatLayer.Assertion"/>: the JSON is malformed.</exception>
    static abstract TSelf FromJson(ReadOnlySpan<byte> utf8Json);

    /// <summary>The content as JSON text.</summary>
    string ToJson();
}

/// <summary>Reads and writes assertion boxes through <see cref="IAssertion{TSelf}"/>.</summary>
internal static class AssertionCodec
{
    /// <summary>Reads a CBOR assertion from its superbox.</summary>
    /// <exception cref="ProvenanceFormatException">No <c>cbor</c> content box, content that is not CBOR, or content <typeparamref name="T"/> rejects.</exception>
    public static T Read<T>(JumbfSuperBox box)
        where T : ICborAssertion<T>
    {
        ArgumentNullException.ThrowIfNull(box);
        ReadOnlyMemory<byte> content = box.FirstContent(FourCC.Cbor)?.Data
            ?? throw new ProvenanceFormatException(FormatLayer.Assertion, -1, $"the {T.Label} assertion {box.Label} has no cbor content box");
        return T.FromCbor(CborValue.Decode(content));
    }

    /// <summary>Reads a JSON assertion from its superbox.</summary>
    /// <exception cref="ProvenanceFormatException">No <c>json</c> content box, or content that is not JSON.</exception>
    public static T ReadJson<T>(JumbfSuperBox box)
        where T : IJsonAssertion<T>
    {
        ArgumentNullException.ThrowIfNull(box);
        ReadOnlyMemory<byte> content = box.FirstContent(FourCC.Json)?.Data
            ?? throw new ProvenanceFormatException(FormatLayer.Assertion, -1, $"the {T.Label} assertion {box.Label} has no json content box");
        return T.FromJson(content.Span);
    }
}
