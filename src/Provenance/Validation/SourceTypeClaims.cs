using System.Text.Json;
using Provenance.Assertions;
using Provenance.Cbor;
using Provenance.Manifests;

namespace Provenance.Validation;

/// <summary>One digital-source-type claim of a manifest, before it is placed on the chain.</summary>
internal sealed record SourceTypeClaim(string Assertion, string? Action, string SourceType, GeneratorInfo? Agent);

/// <summary>
/// Reads the digital-source-type claims of one manifest: every action that states one (C2PA 2.2 §18.14.4.5), in every
/// actions assertion, with a template's source type standing in for an action that states none (§18.14.3
/// <c>templates</c>) and the software agent given inline or by index into <c>softwareAgents</c>; and the asset-level
/// <c>Iptc4xmpExt:DigitalSourceType</c> of IPTC metadata assertions (<c>stds.iptc</c>, <c>stds.iptc.photo-metadata</c>,
/// <c>c2pa.metadata</c>), where C2PA 1.x tools also put it.
/// </summary>
internal static class SourceTypeClaims
{
    private const string IptcKey = "Iptc4xmpExt:DigitalSourceType";

    public static IReadOnlyList<SourceTypeClaim> Read(ManifestReport manifest)
    {
        var claims = new List<SourceTypeClaim>();
        foreach (AssertionInfo assertion in manifest.Assertions)
        {
            string type = C2paLabels.StripInstance(assertion.Label);
            if (type is C2paLabels.ActionsV2 or C2paLabels.Actions && assertion.Cbor is CborMap actions)
            {
                ReadActions(assertion.Label, actions, claims);
            }
            else if (type is "stds.iptc" or "stds.iptc.photo-metadata" or "c2pa.metadata" && AssetLevel(assertion) is { } sourceType)
            {
                claims.Add(new SourceTypeClaim(assertion.Label, null, sourceType, null));
            }
        }

        return claims;
    }

    private static void ReadActions(string label, CborMap map, List<SourceTypeClaim> claims)
    {
        if (map.GetValueOrDefault("actions") is not CborArray actions)
        {
            return;
        }

        CborArray? agents = map.GetValueOrDefault("softwareAgents") as CborArray;
        CborArray? templates = map.GetValueOrDefault("templates") as CborArray;
        foreach (CborMap action in actions.OfType<CborMap>())
        {
            if (action.GetValueOrDefault("action") is not CborTextString { Value.Length: > 0 } name)
            {
                continue;
            }

            CborMap? template = templates?.OfType<CborMap>().FirstOrDefault(t => t.GetValueOrDefault("action") is CborTextString { } a && a.Value == name.Value)
                ?? templates?.OfType<CborMap>().FirstOrDefault(t => t.GetValueOrDefault("action") is CborTextString { Value: "*" });
            string? sourceType = Text(action, "digitalSourceType") ?? (template is null ? null : Text(template, "digitalSourceType"));
            if (sourceType is null)
            {
                continue;
            }

            GeneratorInfo? agent = Agent(action, agents) ?? (template is null ? null : Agent(template, agents));
            claims.Add(new SourceTypeClaim(label, name.Value, sourceType, agent));
        }
    }

    private static GeneratorInfo? Agent(CborMap action, CborArray? agents)
    {
        if (GeneratorInfo.FromCbor(action.GetValueOrDefault("softwareAgent")) is { } agent)
        {
            return agent;
        }

        return action.GetValueOrDefault("softwareAgentIndex") is CborInteger index && index.Value >= 0 && agents is not null && index.Value < agents.Count
            ? GeneratorInfo.FromCbor(agents[(int)index.Value])
            : null;
    }

    private static string? Text(CborMap map, string key) => map.GetValueOrDefault(key) is CborTextString { Value.Length: > 0 } text ? text.Value : null;

    private static string? AssetLevel(AssertionInfo assertion)
    {
        if (assertion.Cbor is CborMap map)
        {
            return Text(map, IptcKey);
        }

        if (assertion.Json is null)
        {
            return null;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(assertion.Json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(IptcKey, out JsonElement value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
