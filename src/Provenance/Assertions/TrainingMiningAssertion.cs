using Provenance.Cbor;
using Provenance.Manifests;

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
public sealed class TrainingMiningAssertion : ICborAssertion<TrainingMiningAssertion>
{
    /// <summary>Data mining.</summary>
    public const string DataMining = "cawg.data_mining";

    /// <summary>Use as input to AI inference.</summary>
    public const string AiInference = "cawg.ai_inference";

    /// <summary>Training of AI models.</summary>
    public const string AiTraining = "cawg.ai_training";

    /// <summary>Training of generative AI models.</summary>
    public const string AiGenerativeTraining = "cawg.ai_generative_training";

    /// <summary>An assertion with no entries, to fill with <see cref="With"/>.</summary>
    public static TrainingMiningAssertion Empty { get; } = new(new Dictionary<string, TrainingMiningEntry>());

    /// <summary>Creates an assertion from its entries (copied: later changes to <paramref name="entries"/> do not reach it).</summary>
    public TrainingMiningAssertion(IReadOnlyDictionary<string, TrainingMiningEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = new Dictionary<string, TrainingMiningEntry>(entries, StringComparer.Ordinal).AsReadOnly();
    }

    /// <summary>Entries by key (<see cref="AiTraining"/>...).</summary>
    public IReadOnlyDictionary<string, TrainingMiningEntry> Entries { get; }

    /// <summary>The four standard uses, in the order CAWG 1.1 lists them.</summary>
    public static IReadOnlyList<string> StandardUses { get; } = [DataMining, AiInference, AiGenerativeTraining, AiTraining];

    /// <summary>
    /// The CAWG key for a use given as <c>ai_training</c>, <c>cawg.ai_training</c> or the C2PA 1.x
    /// <c>c2pa.ai_training</c>; any other key is returned unchanged (CAWG allows entries of other namespaces).
    /// </summary>
    public static string NormalizeKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        string bare = key.StartsWith("c2pa.", StringComparison.Ordinal) || key.StartsWith("cawg.", StringComparison.Ordinal) ? key[5..] : key;
        return bare is "data_mining" or "ai_inference" or "ai_training" or "ai_generative_training" ? "cawg." + bare : key;
    }

    /// <summary>
    /// The entry for a use, found under its CAWG key or its C2PA 1.x key (<paramref name="key"/> as for
    /// <see cref="NormalizeKey"/>).
    /// </summary>
    public bool TryGetEntry(string key, out TrainingMiningUse use, out string? constraintInfo)
    {
        string normalized = NormalizeKey(key);
        foreach ((string entryKey, (TrainingMiningUse entryUse, string? info)) in Entries)
        {
            if (NormalizeKey(entryKey) == normalized)
            {
                (use, constraintInfo) = (entryUse, info);
                return true;
            }
        }

        (use, constraintInfo) = (TrainingMiningUse.NotAllowed, null);
        return false;
    }

    /// <summary>A copy with the entry for <paramref name="key"/> (normalized to its CAWG key) set.</summary>
    /// <exception cref="ArgumentException"><paramref name="constraintInfo"/> is given for a use that is not constrained.</exception>
    public TrainingMiningAssertion With(string key, TrainingMiningUse use, string? constraintInfo = null)
    {
        string normalized = NormalizeKey(key);
        if (constraintInfo is not null && use != TrainingMiningUse.Constrained)
        {
            throw new ArgumentException("constraint_info goes with a constrained use only (CAWG training-and-data-mining 1.1).", nameof(constraintInfo));
        }

        var entries = new Dictionary<string, TrainingMiningEntry>(StringComparer.Ordinal);
        foreach ((string entryKey, TrainingMiningEntry entry) in Entries)
        {
            entries[NormalizeKey(entryKey)] = entry;
        }

        entries[normalized] = new TrainingMiningEntry(use, constraintInfo);
        return new TrainingMiningAssertion(entries);
    }

    /// <summary>Parses <c>allowed</c>, <c>notAllowed</c> or <c>constrained</c> (case-insensitive; <c>not-allowed</c> too).</summary>
    public static bool TryParseUse(string text, out TrainingMiningUse use)
    {
        ArgumentNullException.ThrowIfNull(text);
        switch (text.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToLowerInvariant())
        {
            case "allowed":
                use = TrainingMiningUse.Allowed;
                return true;
            case "notallowed":
                use = TrainingMiningUse.NotAllowed;
                return true;
            case "constrained":
                use = TrainingMiningUse.Constrained;
                return true;
            default:
                use = TrainingMiningUse.NotAllowed;
                return false;
        }
    }

    /// <summary>The spelling of a use in the assertion: <c>allowed</c>, <c>notAllowed</c> or <c>constrained</c>.</summary>
    public static string UseName(TrainingMiningUse use) => use switch
    {
        TrainingMiningUse.Allowed => "allowed",
        TrainingMiningUse.Constrained => "constrained",
        _ => "notAllowed",
    };

    /// <summary>All four standard uses not allowed: "do not use this work for AI training or data mining".</summary>
    public static TrainingMiningAssertion NotAllowedForAi() => new(new Dictionary<string, TrainingMiningEntry>
    {
        [DataMining] = new(TrainingMiningUse.NotAllowed, null),
        [AiInference] = new(TrainingMiningUse.NotAllowed, null),
        [AiTraining] = new(TrainingMiningUse.NotAllowed, null),
        [AiGenerativeTraining] = new(TrainingMiningUse.NotAllowed, null),
    });

    /// <inheritdoc />
    static string IAssertion<TrainingMiningAssertion>.Label => C2paLabels.CawgTrainingMining;

    /// <inheritdoc />
    static TrainingMiningAssertion ICborAssertion<TrainingMiningAssertion>.FromCbor(CborValue value) => FromCbor(value);

    /// <inheritdoc />
    CborMap ICborAssertion<TrainingMiningAssertion>.ToCbor() => ToCbor();

    /// <summary>Writes <c>{ "entries": { key: { "use": ..., "constraint_info"?: ... } } }</c>.</summary>
    /// <param name="c2pa1x">
    /// Write the standard uses with the C2PA 1.x keys (<c>c2pa.ai_training</c>...), for a <c>c2pa.training-mining</c>
    /// assertion read by older tools; by default the CAWG keys of <c>cawg.training-mining</c>.
    /// </param>
    internal CborMap ToCbor(bool c2pa1x = false)
    {
        var entries = new CborMap();
        foreach ((string entryKey, (TrainingMiningUse use, string? info)) in Entries)
        {
            string normalized = NormalizeKey(entryKey);
            string key = !StandardUses.Contains(normalized) ? entryKey : c2pa1x ? "c2pa." + normalized[5..] : normalized;
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
    internal static TrainingMiningAssertion FromCbor(CborValue value)
    {
        if (value is not CborMap map)
        {
            throw new ProvenanceFormatException(FormatLayer.Assertion, -1, "the training-mining assertion is not a map");
        }

        CborMap entriesMap = map.GetValueOrDefault("entries") as CborMap ?? map;
        var entries = new Dictionary<string, TrainingMiningEntry>(StringComparer.Ordinal);
        foreach (KeyValuePair<CborValue, CborValue> pair in entriesMap)
        {
            if (pair.Key is CborTextString key && pair.Value is CborMap entry && entry.GetValueOrDefault("use") is CborTextString use)
            {
                entries[key.Value] = new TrainingMiningEntry(ParseUse(use.Value), (entry.GetValueOrDefault("constraint_info") as CborTextString)?.Value);
            }
        }

        return new TrainingMiningAssertion(entries);
    }

    // CAWG 1.1: anything but "allowed" or "constrained" is read as the safe "notAllowed".
    private static TrainingMiningUse ParseUse(string use) => use switch
    {
        "allowed" => TrainingMiningUse.Allowed,
        "constrained" => TrainingMiningUse.Constrained,
        _ => TrainingMiningUse.NotAllowed,
    };
}
