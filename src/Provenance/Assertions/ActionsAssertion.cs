using Provenance.Cbor;
using Provenance.Manifests;

namespace Provenance.Assertions;

/// <summary>The actions assertion (<c>c2pa.actions.v2</c>; reads 1.x <c>c2pa.actions</c> too), C2PA 2.2 §18.14.</summary>
internal sealed class ActionsAssertion : ICborAssertion<ActionsAssertion>
{
    /// <summary>Creates an actions assertion.</summary>
    public ActionsAssertion(IEnumerable<C2paAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        Actions = [.. actions];
    }

    /// <summary>The actions, in order; the first of a standard manifest is <c>c2pa.created</c> or <c>c2pa.opened</c>.</summary>
    public IReadOnlyList<C2paAction> Actions { get; }

    /// <summary>The label written: version 2 (1.x <c>c2pa.actions</c> is read too).</summary>
    public static string Label => C2paLabels.ActionsV2;

    /// <summary>Writes the <c>actions-map-v2</c>.</summary>
    public CborMap ToCbor()
    {
        var array = new CborArray();
        foreach (C2paAction action in Actions)
        {
            array.Add(action.ToCbor());
        }

        return new CborMap { { "actions", array } };
    }

    /// <summary>Reads an actions map.</summary>
    /// <exception cref="ProvenanceFormatException">No <c>actions</c> array, or an entry without an action name.</exception>
    public static ActionsAssertion FromCbor(CborValue value)
    {
        if (value is not CborMap map || map.GetValueOrDefault("actions") is not CborArray array)
        {
            throw new ProvenanceFormatException(FormatLayer.Assertion, -1, "the actions assertion has no 'actions' array");
        }

        var actions = new List<C2paAction>(array.Count);
        foreach (CborValue item in array)
        {
            actions.Add(C2paAction.FromCbor(item)
                ?? throw new ProvenanceFormatException(FormatLayer.Assertion, -1, $"action {actions.Count} has no 'action' name"));
        }

        return new ActionsAssertion(actions);
    }
}
