using System.Globalization;
using Provenance.Cbor;

namespace Provenance.Assertions;

/// <summary>One action of an actions assertion (<c>action-item-map-v2</c>, C2PA 2.2 §18.14.3).</summary>
public sealed record C2paAction
{
    /// <summary>Creates an action.</summary>
    /// <param name="action">The action name, for example <see cref="C2paActions.Created"/>.</param>
    public C2paAction(string action)
    {
        ArgumentException.ThrowIfNullOrEmpty(action);
        Action = action;
    }

    /// <summary>The action name (<c>c2pa.created</c>, <c>c2pa.edited</c>, or a reverse-domain custom name).</summary>
    /// <exception cref="ArgumentException">Set to null or empty.</exception>
    public string Action
    {
        get;
        init
        {
            ArgumentException.ThrowIfNullOrEmpty(value);
            field = value;
        }
    }

    /// <summary>When the action was performed.</summary>
    public DateTimeOffset? When { get; init; }

    /// <summary>The software that performed it.</summary>
    public GeneratorInfo? SoftwareAgent { get; init; }

    /// <summary>The digital source type URI (see <see cref="DigitalSourceTypes"/>).</summary>
    public string? DigitalSourceType { get; init; }

    /// <summary>A human-readable description.</summary>
    public string? Description { get; init; }

    /// <summary>Free-form parameters, or null. Ingredients are named with <see cref="Ingredients"/> rather than here.</summary>
    internal CborMap? Parameters { get; init; }

    /// <summary>
    /// The ingredients the action acts on, from <see cref="ManifestBuilder.AddParent"/> or
    /// <see cref="ManifestBuilder.AddComponent"/>: the parent of <c>c2pa.opened</c>, the components of <c>c2pa.placed</c>
    /// or <c>c2pa.removed</c> (C2PA 2.2 §15.10.3.2.2). <see cref="ManifestBuilder"/> writes them as
    /// <c>parameters.ingredients</c> when it signs. Empty for actions read from a manifest, whose references stay in
    /// the action's parameters.
    /// </summary>
    /// <exception cref="ArgumentException">Set to null, or with a null entry.</exception>
    public IReadOnlyList<IngredientReference> Ingredients
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Any(reference => reference is null))
            {
                throw new ArgumentException("An ingredient reference is null.", nameof(value));
            }

            field = Array.AsReadOnly([.. value]);
        }
    } = [];

    /// <summary>Writes the action map.</summary>
    /// <exception cref="InvalidOperationException">The action has <see cref="Ingredients"/>, which only a <see cref="ManifestBuilder"/> can resolve.</exception>
    internal CborMap ToCbor()
    {
        if (Ingredients.Count > 0)
        {
            throw new InvalidOperationException($"Action {Action} names ingredients by reference; they are resolved when a ManifestBuilder signs the manifest.");
        }

        var map = new CborMap { { "action", Action } };
        if (When is DateTimeOffset when)
        {
            // C2PA 2.2 §6.9: dates are CBOR tag 0 (RFC 3339 text).
            map.Add("when", new CborTag(0, when.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
        }

        if (SoftwareAgent is not null)
        {
            map.Add("softwareAgent", SoftwareAgent.ToCbor());
        }

        if (DigitalSourceType is not null)
        {
            map.Add("digitalSourceType", DigitalSourceType);
        }

        if (Description is not null)
        {
            map.Add("description", Description);
        }

        if (Parameters is not null)
        {
            map.Add("parameters", Parameters);
        }

        return map;
    }

    /// <summary>Reads an action map (v1 or v2); null when it has no non-empty text <c>action</c>.</summary>
    internal static C2paAction? FromCbor(CborValue value)
    {
        if (value is not CborMap map || map.GetValueOrDefault("action") is not CborTextString { Value.Length: > 0 } name)
        {
            return null;
        }

        return new C2paAction(name.Value)
        {
            When = ReadDate(map.GetValueOrDefault("when")),
            SoftwareAgent = GeneratorInfo.FromCbor(map.GetValueOrDefault("softwareAgent")),
            DigitalSourceType = (map.GetValueOrDefault("digitalSourceType") as CborTextString)?.Value,
            Description = (map.GetValueOrDefault("description") as CborTextString)?.Value,
            Parameters = map.GetValueOrDefault("parameters") as CborMap,
        };
    }

    private static DateTimeOffset? ReadDate(CborValue? value)
    {
        CborValue? content = value is CborTag tag ? tag.Content : value;
        return content is CborTextString text
            && DateTimeOffset.TryParse(text.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed)
            ? parsed
            : null;
    }
}
