using Provenance.Jumbf;

namespace Provenance.Formats.Bmff;

/// <summary>
/// The restricted xpath of BMFF hash exclusions (C2PA 2.2 §18.6.1): <c>/name[/name]…</c>, each name optionally with a
/// 1-based <c>[n]</c>. Matches are found by walking down from one top-level box, so nothing but the path is kept.
/// </summary>
internal sealed class BmffPath
{
    private BmffPath(Step[] steps) => Steps = steps;

    public Step[] Steps { get; }

    /// <summary>The first step, which a top-level box must match.</summary>
    public Step First => Steps[0];

    /// <summary>The parsed path, or null when it names no box (empty, or a name that is not four ASCII characters).</summary>
    public static BmffPath? TryParse(string xpath)
    {
        var steps = new List<Step>();
        foreach (string step in xpath.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            string name = step;
            int? index = null;
            int bracket = step.IndexOf('[', StringComparison.Ordinal);
            if (bracket > 0 && step.EndsWith(']') && int.TryParse(step.AsSpan(bracket + 1, step.Length - bracket - 2), out int n))
            {
                name = step[..bracket];
                index = n;
            }

            if (name.Length != 4 || name.Any(c => c > 0x7F))
            {
                return null;
            }

            steps.Add(new Step(new FourCC(name), index));
        }

        return steps.Count == 0 ? null : new BmffPath([.. steps]);
    }

    /// <summary>
    /// The descendants of <paramref name="topLevel"/> (which matched the first step) that match the rest of the path,
    /// in file order. Boxes picked by one path all sit at the same depth, so they never overlap.
    /// </summary>
    /// <param name="file">A reader of the file's top-level boxes, for the children of <paramref name="topLevel"/>.</param>
    /// <param name="topLevel">The top-level box that matched the first step.</param>
    /// <param name="maxDepth">The deepest path followed (a longer one selects nothing).</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    public IEnumerable<BmffBoxHeader> Select(BmffReader file, BmffBoxHeader topLevel, int maxDepth, CancellationToken cancellationToken)
        => Steps.Length > maxDepth ? [] : Walk(file, topLevel, 1, cancellationToken);

    private IEnumerable<BmffBoxHeader> Walk(BmffReader parent, BmffBoxHeader box, int level, CancellationToken cancellationToken)
    {
        if (level == Steps.Length)
        {
            yield return box;
            yield break;
        }

        Step step = Steps[level];
        int seen = 0;
        BmffReader children = parent.Children(box);
        foreach (BmffBoxHeader child in children.Boxes(cancellationToken))
        {
            if (child.Type != step.Type)
            {
                continue;
            }

            seen++;
            if (step.Index is int wanted && seen != wanted)
            {
                if (seen > wanted)
                {
                    yield break;
                }

                continue;
            }

            foreach (BmffBoxHeader match in Walk(children, child, level + 1, cancellationToken))
            {
                yield return match;
            }
        }
    }

    /// <summary>One step: a box type and an optional 1-based index among its siblings of that type.</summary>
    internal readonly record struct Step(FourCC Type, int? Index);
}
