using Provenance.Cbor;

namespace Provenance.Assertions;

/// <summary>A <c>generator-info-map</c>: the software that made a claim or performed an action (C2PA 2.2 §10.2.3).</summary>
/// <param name="Name">The product name (required).</param>
/// <param name="Version">The product version.</param>
public sealed record GeneratorInfo(string Name, string? Version = null)
{
    /// <summary>Provenance itself, as claim generator.</summary>
    public static GeneratorInfo Provenance { get; } = new("Provenance", typeof(GeneratorInfo).Assembly.GetName().Version?.ToString(3));

    /// <summary>Writes the map.</summary>
    internal CborMap ToCbor()
    {
        var map = new CborMap { { "name", Name } };
        if (Version is not null)
        {
            map.Add("version", Version);
        }

        return map;
    }

    /// <summary>Reads a map, or the 1.x plain string form; null when neither.</summary>
    internal static GeneratorInfo? FromCbor(CborValue? value) => value switch
    {
        CborMap map when map.GetValueOrDefault("name") is CborTextString name
            => new GeneratorInfo(name.Value, (map.GetValueOrDefault("version") as CborTextString)?.Value),
        CborTextString text => new GeneratorInfo(text.Value),
        _ => null,
    };
}
