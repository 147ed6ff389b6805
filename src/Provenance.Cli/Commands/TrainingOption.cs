using Provenance.Assertions;

namespace Provenance.Cli.Commands;

/// <summary>Parses <c>--training &lt;use&gt;=allowed|notAllowed|constrained[:&lt;terms&gt;]</c>.</summary>
internal static class TrainingOption
{
    /// <exception cref="ArgumentException">The value is not of that form.</exception>
    public static void Apply(ManifestBuilder builder, string value)
    {
        int equals = value.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new ArgumentException($"--training '{value}': expected <use>=allowed|notAllowed|constrained[:<terms>].");
        }

        string use = value[..equals].Trim();
        string permission = value[(equals + 1)..];
        string? terms = null;
        int colon = permission.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            terms = permission[(colon + 1)..];
            permission = permission[..colon];
        }

        if (!TrainingMiningAssertion.TryParseUse(permission.Trim(), out TrainingMiningUse parsed))
        {
            throw new ArgumentException($"--training '{value}': '{permission}' is not allowed, notAllowed or constrained.");
        }

        if (terms is not null && parsed != TrainingMiningUse.Constrained)
        {
            throw new ArgumentException($"--training '{value}': terms go with constrained only.");
        }

        IEnumerable<string> uses = use == "all" ? TrainingMiningAssertion.StandardUses : [use];
        foreach (string key in uses)
        {
            builder.SetTrainingPolicy(key, parsed, terms);
        }
    }
}
