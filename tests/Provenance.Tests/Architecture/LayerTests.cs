using TypeName = Provenance.Tests.Architecture.TypeDependencies.TypeName;

namespace Provenance.Tests.Architecture;

/// <summary>
/// The library's layers, read from the compiled assembly (<see cref="TypeDependencies"/>): each namespace may use only
/// the namespaces listed for it, so codecs never reach up into formats, formats never into assertions, validation never
/// into a format's internals, and nothing but the facade into the facade. NodaTime and dotnet/runtime hold their layers
/// the same way (runtime with one assembly per layer); this is that rule for one assembly.
/// </summary>
public class LayerTests
{
    // The shared kernel, usable from every layer: malformed input (every reader throws it, with its layer as a
    // FormatLayer and its offset), its UnsupportedFormatException kind (well-formed input of a format not handled), the
    // ProvenanceException base of both, and a signing failure with the verdicts that caused it (the COSE writer's signer
    // check throws it). They use nothing of the library but each other: ValidationStatus, the verdict record the signing exception carries, is in
    // the kernel for that reason, though it is declared with the reports it belongs to. A type added to the root namespace
    // goes here or in RootTypes: Layers_NameEveryNamespaceOfTheLibrary fails until it has a place.
    private static readonly HashSet<string> Kernel =
    [
        "Provenance.FormatLayer",
        "Provenance.ProvenanceException",
        "Provenance.ProvenanceFormatException",
        "Provenance.ProvenanceSigningException",
        "Provenance.UnsupportedFormatException",
        "Provenance.Validation.ValidationStatus",
    ];

    // The root namespace holds the public vocabulary callers meet first, so the options and the facade stay there rather
    // than move for an internal reason (a public namespace change would break every caller). Each is a node of its own:
    // the options are records of settings just below the layers that consume them, and the facade sits on top.
    private static readonly Dictionary<string, string> RootTypes = new()
    {
        ["Provenance.VerificationOptions"] = VerificationOptions,
        ["Provenance.TrustSettings"] = VerificationOptions,
        ["Provenance.TrustSettingsJson"] = VerificationOptions,
        ["Provenance.RemoteManifestOptions"] = VerificationOptions,
        ["Provenance.SigningOptions"] = SigningOptions,
        ["Provenance.SigningResult"] = SigningOptions,
        ["Provenance.ManifestBuilder"] = Facade,
        ["Provenance.ManifestDefinition"] = Facade,
        ["Provenance.ManifestVerifier"] = Facade,
    };

    private const string VerificationOptions = "Provenance (verification options)";
    private const string SigningOptions = "Provenance (signing options and result)";
    private const string Facade = "Provenance (facade)";

    // Layers from the bottom up; a namespace may use its own layer's and lower layers' namespaces, and only those listed.
    private static readonly (string Layer, Dictionary<string, string[]> Namespaces)[] Layers =
    [
        ("byte-level codecs", new()
        {
            ["Provenance.IO"] = [],
            ["Provenance.Cbor"] = [],
            ["Provenance.Jumbf"] = [],
            ["Provenance.Cryptography"] = [],
        }),
        ("hashing, COSE, thumbnails", new()
        {
            ["Provenance.Hashing"] = ["Provenance.IO"],
            ["Provenance.Cose"] = ["Provenance.Cbor", "Provenance.Cryptography"],
            ["Provenance.Thumbnails"] = ["Provenance.IO"],
        }),
        ("container formats", new()
        {
            // The format contracts (handlers, capabilities, embedding plans) and the registry that names every plug-in.
            // The read limits reach the JUMBF reader through it (AssetReadLimits).
            ["Provenance.Formats"] =
            [
                "Provenance.Formats.Bmff", "Provenance.Formats.Gif", "Provenance.Formats.Id3", "Provenance.Formats.Jpeg", "Provenance.Formats.JpegXl",
                "Provenance.Formats.Png", "Provenance.Formats.Riff", "Provenance.Formats.Svg", "Provenance.Formats.Tiff", "Provenance.Hashing",
                "Provenance.IO", "Provenance.Jumbf",
            ],
            // The plug-ins use the contracts, never one another. BMFF boxes share JUMBF's box type (FourCC, ISO/IEC 14496-12 §4.2).
            ["Provenance.Formats.Bmff"] = ["Provenance.Formats", "Provenance.Hashing", "Provenance.IO", "Provenance.Jumbf"],
            ["Provenance.Formats.Jpeg"] = ["Provenance.Formats", "Provenance.Hashing", "Provenance.IO"],
            ["Provenance.Formats.Png"] = ["Provenance.Formats", "Provenance.Hashing", "Provenance.IO"],
            ["Provenance.Formats.Riff"] = ["Provenance.Formats", "Provenance.Hashing"],
            ["Provenance.Formats.Tiff"] = ["Provenance.Formats", "Provenance.Hashing"],
            ["Provenance.Formats.Gif"] = ["Provenance.Formats", "Provenance.Hashing"],
            // MP3 and FLAC: one plug-in, since both carry the store in a leading ID3v2 tag (and tell each other apart by it).
            ["Provenance.Formats.Id3"] = ["Provenance.Formats", "Provenance.Hashing"],
            ["Provenance.Formats.Svg"] = ["Provenance.Formats", "Provenance.Hashing"],
            // JPEG XL boxes share JUMBF's box type too (ISO/IEC 18181-2 boxes are ISO/IEC 14496-12 boxes).
            ["Provenance.Formats.JpegXl"] = ["Provenance.Formats", "Provenance.Hashing", "Provenance.Jumbf"],
            // The XMP packet is found and rewritten by each format's handler (IXmpHandler); the reference lives in its text.
            ["Provenance.Formats.Xmp"] = ["Provenance.Formats"],
        }),
        ("manifests and assertions", new()
        {
            // Assertion boxes are salted from the signing randomness seam (IRandomSource, in Cryptography).
            ["Provenance.Manifests"] = ["Provenance.Cbor", "Provenance.Cryptography", "Provenance.Hashing", "Provenance.Jumbf"],
            // Assertions see the format contracts (a BMFF hash carries BmffExclusion) but no format's internals, the
            // manifest's label vocabulary (C2paLabels: each assertion type names its label, IAssertion<TSelf>.Label), and
            // JUMBF boxes, from which AssertionCodec reads an assertion's cbor or json content box.
            ["Provenance.Assertions"] = ["Provenance.Cbor", "Provenance.Formats", "Provenance.Hashing", "Provenance.Jumbf", "Provenance.Manifests"],
        }),
        ("options", new()
        {
            [VerificationOptions] = ["Provenance.Cryptography", "Provenance.Formats"],
            // The signing options check the hash algorithm against the ones C2PA allows (C2paHashAlgorithms).
            [SigningOptions] = ["Provenance.Cryptography", "Provenance.Formats", "Provenance.Hashing", "Provenance.Thumbnails"],
        }),
        ("validation", new()
        {
            // Validation asks format handlers through their contracts and capabilities (IAssetHandler, IBmffHashHandler),
            // never a format's box readers or hashers.
            ["Provenance.Validation"] =
            [
                "Provenance.Assertions", "Provenance.Cbor", "Provenance.Cose", "Provenance.Cryptography", "Provenance.Formats",
                "Provenance.Formats.Xmp", "Provenance.Hashing", "Provenance.IO", "Provenance.Jumbf", "Provenance.Manifests",
                "Provenance.Validation.Identity", VerificationOptions,
            ],
            ["Provenance.Validation.Identity"] =
            [
                "Provenance.Cbor", "Provenance.Cose", "Provenance.Cryptography", "Provenance.Hashing", "Provenance.Jumbf",
                "Provenance.Manifests", "Provenance.Validation", VerificationOptions,
            ],
        }),
        ("signing", new()
        {
            // Signing validates what it writes and the ingredients it carries, so it sits above validation. It still
            // plans BMFF-specific output itself (in-place room, fragments, Merkle roots), hence Formats.Bmff.
            ["Provenance.Signing"] =
            [
                "Provenance.Assertions", "Provenance.Cbor", "Provenance.Cose", "Provenance.Cryptography", "Provenance.Formats",
                "Provenance.Formats.Bmff", "Provenance.Hashing", "Provenance.IO", "Provenance.Jumbf", "Provenance.Manifests",
                "Provenance.Thumbnails", "Provenance.Validation", SigningOptions, VerificationOptions,
            ],
        }),
        ("facade", new()
        {
            [Facade] = ["*"],
        }),
    ];

    private static readonly Lazy<HashSet<(TypeName From, TypeName To)>> Dependencies =
        new(() => TypeDependencies.Read(typeof(ManifestBuilder).Assembly.Location));

    [Fact]
    public void Dependencies_OfEveryNamespace_AreAllowed()
    {
        List<string> violations = Violations(Dependencies.Value);

        Assert.True(violations.Count == 0, $"{violations.Count} uses cross the layers:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Layers_NameEveryNamespaceOfTheLibrary()
    {
        string[] unknown = [.. typeof(ManifestBuilder).Assembly.GetTypes()
            .Where(t => !t.IsNested && t.Namespace?.StartsWith("Provenance", StringComparison.Ordinal) == true)
            .Select(t => ComponentOf(new TypeName(t.Namespace!, t.Name)))
            .Where(c => c is not null && !IsKnown(c))
            .Distinct()
            .Order(StringComparer.Ordinal)!];

        Assert.True(unknown.Length == 0, "namespaces without a place in the layers: " + string.Join(", ", unknown));
    }

    [Fact]
    public void Layers_AllowOnlyUsesDownwardOrWithinALayer()
    {
        var rank = new Dictionary<string, int>();
        for (int i = 0; i < Layers.Length; i++)
        {
            foreach (string name in Layers[i].Namespaces.Keys)
            {
                rank[name] = i;
            }
        }

        string[] upward = [.. Layers.SelectMany(l => l.Namespaces)
            .SelectMany(n => n.Value.Where(a => a != "*").Select(a => (From: n.Key, To: a)))
            .Where(e => !rank.ContainsKey(e.To) || rank[e.To] > rank[e.From])
            .Select(e => $"{e.From} → {e.To}")];

        Assert.True(upward.Length == 0, "allowed uses that point up (or nowhere): " + string.Join(", ", upward));
    }

    [Fact]
    public void Violations_SigningUsingTheFacade_IsReportedByTypes()
    {
        // A made-up use the rules forbid, fed straight to the check: it must fail, naming both types and both nodes.
        var pairs = new HashSet<(TypeName, TypeName)>
        {
            (new("Provenance.Signing", "ManifestSigner"), new("Provenance", "ManifestBuilder")),
            (new("Provenance.Signing", "ManifestSigner"), new("Provenance.Validation", "AssetValidator")),
        };

        string violation = Assert.Single(Violations(pairs));

        Assert.Equal("Provenance.Signing.ManifestSigner → Provenance.ManifestBuilder (Provenance.Signing → Provenance (facade))", violation);
    }

    [Fact]
    public void Violations_ValidationUsingBmffInternals_IsReported()
    {
        var pairs = new HashSet<(TypeName, TypeName)>
        {
            (new("Provenance.Validation", "BmffMerkleVerifier"), new("Provenance.Formats.Bmff", "BmffBoxReader")),
            (new("Provenance.Formats.Bmff", "BmffHasher"), new("Provenance.Assertions", "BmffHashAssertion")),
        };

        Assert.Equal(2, Violations(pairs).Count);
    }

    [Fact]
    public void Read_SeesSignaturesAndMethodBodies()
    {
        HashSet<(TypeName From, TypeName To)> pairs = Dependencies.Value;

        // A parameter type (a signature), a call made only inside an async method's body (the IL of its state machine, a
        // nested type), and a call in a plain method's body: the reader must see all three, or the check proves nothing.
        Assert.Contains((new TypeName("Provenance.Formats.Bmff", "BmffHasher"), new TypeName("Provenance.Formats", "BmffExclusion")), pairs);
        Assert.Contains((new TypeName("Provenance.Signing", "OutputVerifier"), new TypeName("Provenance.Validation", "AssetValidator")), pairs);
        Assert.Contains((new TypeName("Provenance", "ManifestVerifier"), new TypeName("Provenance.Validation", "AssetValidator")), pairs);
    }

    private static List<string> Violations(IEnumerable<(TypeName From, TypeName To)> pairs)
    {
        Dictionary<string, string[]> allowed = Layers.SelectMany(l => l.Namespaces).ToDictionary(n => n.Key, n => n.Value);
        var violations = new List<string>();
        foreach ((TypeName from, TypeName to) in pairs)
        {
            if (ComponentOf(from) is not { } user || ComponentOf(to) is not { } used || user == used || used == "kernel")
            {
                continue;
            }

            string[] uses = user == "kernel" ? [] : allowed.GetValueOrDefault(user, []);
            if (!uses.Contains("*") && !uses.Contains(used))
            {
                violations.Add($"{from} → {to} ({user} → {used})");
            }
        }

        violations.Sort(StringComparer.Ordinal);
        return violations;
    }

    /// <summary>The node a type belongs to: the kernel, a root type's own node, or its namespace; null outside the library.</summary>
    private static string? ComponentOf(TypeName type)
    {
        if (!type.Namespace.StartsWith("Provenance", StringComparison.Ordinal))
        {
            return null;
        }

        string name = type.ToString();
        if (Kernel.Contains(name))
        {
            return "kernel";
        }

        return type.Namespace == "Provenance" ? RootTypes.GetValueOrDefault(name, name) : type.Namespace;
    }

    private static bool IsKnown(string component)
        => component == "kernel" || Layers.Any(l => l.Namespaces.ContainsKey(component));
}
