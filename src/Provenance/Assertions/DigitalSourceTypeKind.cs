namespace Provenance.Assertions;

/// <summary>What a digital source type tells about AI (see <see cref="DigitalSourceTypes.Classify"/>).</summary>
public enum DigitalSourceTypeKind
{
    /// <summary>Says nothing about AI (<c>composite</c>, <c>empty</c>, or a type outside the vocabularies).</summary>
    Neutral,

    /// <summary>Captured from real life, scanned, or made or edited by people.</summary>
    Human,

    /// <summary>Made or changed by an algorithm not said to be trained on sampled content.</summary>
    Algorithmic,

    /// <summary>Made by a model trained on sampled content (generative AI), wholly or in part.</summary>
    GenerativeAi,
}
