namespace Provenance.Jumbf;

/// <summary>
/// C2PA's internal JUMBF URIs (C2PA 2.2 §8.4): <c>self#jumbf=/c2pa/urn:c2pa:…/c2pa.assertions/x</c> (absolute, from the
/// store) or <c>self#jumbf=c2pa.assertions/x</c> (relative to the current manifest).
/// </summary>
internal static class JumbfUri
{
    /// <summary>The prefix of every internal URI.</summary>
    public const string Prefix = "self#jumbf=";

    private const string StoreLabel = "c2pa";

    /// <summary>The manifest label an absolute URI points into (its second label), or null.</summary>
    public static string? ManifestLabelOf(string uri)
        => TryParse(uri, out bool isAbsolute, out IReadOnlyList<string> labels) && isAbsolute && labels.Count >= 2 && labels[0] == StoreLabel
            ? labels[1]
            : null;

    /// <summary>Splits a URI into labels; false when it is not an internal JUMBF URI or has empty or <c>..</c> segments.</summary>
    public static bool TryParse(string uri, out bool isAbsolute, out IReadOnlyList<string> labels)
    {
        isAbsolute = false;
        labels = [];
        if (uri is null || !uri.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        string path = uri[Prefix.Length..];
        isAbsolute = path.StartsWith('/');
        if (isAbsolute)
        {
            path = path[1..];
        }
        else if (path.StartsWith(StoreLabel + "/", StringComparison.Ordinal))
        {
            // Some writers leave out the leading slash of an absolute URI (self#jumbf=c2pa/urn:…); c2pa-rs reads it as
            // absolute, and no manifest-relative path can start with the store's label.
            isAbsolute = true;
        }

        string[] parts = path.Split('/');
        if (parts.Length == 0 || parts.Any(p => p.Length == 0 || p == ".." || p == "."))
        {
            return false;
        }

        labels = parts;
        return true;
    }

    /// <summary>An absolute URI from labels (the first is the store's, <c>c2pa</c>).</summary>
    public static string Absolute(params string[] labels) => Prefix + "/" + string.Join('/', labels);

    /// <summary>A URI relative to the current manifest.</summary>
    public static string Relative(params string[] labels) => Prefix + string.Join('/', labels);

    /// <summary>
    /// Resolves a URI: absolute ones from the store root (whose label must come first), relative ones from the current
    /// manifest. Null when a label is missing or ambiguous.
    /// </summary>
    public static JumbfSuperBox? Resolve(JumbfSuperBox storeRoot, JumbfSuperBox currentManifest, string uri)
    {
        ArgumentNullException.ThrowIfNull(storeRoot);
        ArgumentNullException.ThrowIfNull(currentManifest);
        if (!TryParse(uri, out bool isAbsolute, out IReadOnlyList<string> labels))
        {
            return null;
        }

        JumbfSuperBox? box;
        IEnumerable<string> path;
        if (isAbsolute)
        {
            if (labels[0] != storeRoot.Label)
            {
                return null;
            }

            box = storeRoot;
            path = labels.Skip(1);
        }
        else
        {
            box = currentManifest;
            path = labels;
        }

        foreach (string label in path)
        {
            box = box.FindChild(label);
            if (box is null)
            {
                return null;
            }
        }

        return box;
    }
}
