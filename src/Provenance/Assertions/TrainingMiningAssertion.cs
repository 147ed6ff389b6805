using Provenance.Cbor;

namespace Provenance.Assertions;

/// <summary>How a work may be used for data mining and AI (CAWG training-and-data-mining 1.1).</summary>
public enum TrainingMiningUse
{
    /// <summary><c>allowed</c>.</summary>
    Allowed,

    /// <summary><c>notAllowed</c>.</summary>
    NotAllowed,

    /// <summary><c>constrained</c>: allowed under terms given in <c>constraint_info</c>; without terms, read as not allowed.</summary>
    Constrained,
}

/// <summary>
/// The creator's consent to AI training and data mining: <c>cawg.training-mining</c> (CAWG 1.1; the successor of
/// C2PA 1.x <c>c2pa.training-mining</c>, which is read too).
/// </summary>
public sealed class TrainingMiningAssertion
{
    /// <summary>Data mining.</summary>
    public const string DataMining = "cawg.data_mining";

    /// <summary>Use as input to AI inference.</summary>
    public const string AiInference = "cawg.ai_inference";

    /// <summary>Training of AI models.</summary>
    public const string AiTraining = "cawg.ai_training";

    /// <summary>Training of generative AI models.</summary>
    public const string AiGenerativeTraining = "cawg.ai_generative_training";

    /// <summary>Creates an assertion from its entries.</summary>
    public TrainingMiningAssertion(IReadOnlyDictionary<string, (TrainingMiningUse Use, string? ConstraintInfo)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = entries;
    }

    /// <summary>Entries by key (<see cref="AiTraining"/>...).</summary>
    public IReadOnlyDictionary<string, (TrainingMiningUse Use, string? ConstraintInfo)> Entries { get; }

    /// <summary>All four standard uses not allowed: "do not use this work for AI training or data mining".</summary>
    public static TrainingMiningAssertion NotAllowedForAi() => new(new Dictionary<string, (TrainingMiningUse, string?)>
    {
        [DataMining] = (TrainingMiningUse.NotAllowed, null),
        [AiInference] = (TrainingMiningUse.NotAllowed, null),
        [AiTraining] = (TrainingMiningUse.NotAllowed, null),
        [AiGenerativeTraining] = (TrainingMiningUse.NotAllowed, null),
    });

    /// <summary>Writes <c>{ "entries": { key: { "use": ..., "constraint_info"?: ... } } }</c>.</summary>
    public CborMap ToCbor()
    {
        var entries = new CborMap();
        foreach ((string key, (TrainingMiningUse use, string? info)) in Entries)
        {
            var entry = new CborMap { { "use", UseName(use) } };
            if (info is not null)
            {
                entry.Add("constraint_info", info);
            }

            entries.Add(key, entry);
        }

        return new CborMap { { "entries", entries } };
    }

    /// <summary>Reads the CAWG form, or the C2PA 1.x form with entries at the top level or under <c>entries</c>.</summary>
    /// <exception cref="ProvenanceFormatException">Not a map.</exception>
    public static TrainingMiningAssertion FromCbor(CborValue value)
    {
        if (value is not CborMap map)
        {
            throw new ProvenanceFormatException("Assertion", -1, "the training-mining assertion is not a map");
        }

        CborMap entriesMap = map.GetValueOrDefault("entries") as CborMap ?? map;
        var entries = new Dictionary<string, (TrainingMiningUse, string?)>(StringComparer.Ordinal);
        foreach (KeyValuePair<CborValue, CborValue> pair in entriesMap)
        {
            if (pair.Key is CborTextString key && pair.Value is CborMap entry && entry.GetValueOrDefault("use") is CborTextString use)
            {
                entries[key.Value] = (ParseUse(use.Value), (entry.GetValueOrDefault("constraint_info") as CborTextString)?.Value);
            }
        }

        return new TrainingMiningAssertion(entries);
    }

    private static string UseName(TrainingMiningUse use) => use switch
    {
        TrainingMiningUse.Allowed => "allowed",
        TrainingMiningUse.Constrained => "constrained",
        _ => "notAllowed",
    };

    // CAWG 1.1: anything but "allowed" or "constrained" is read as the safe "notAllowed".
    private static TrainingMiningUse ParseUse(string use) => use switch
    {
        "allowed" => TrainingMiningUse.Allowed,
        "constrained" => TrainingMiningUse.Constrained,
        _ => TrainingMiningUse.NotAllowed,
    };
}
