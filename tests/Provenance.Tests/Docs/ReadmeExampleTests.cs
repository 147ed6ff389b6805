using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace Provenance.Tests.Docs;

/// <summary>
/// The C# examples of the READMEs compile against the library as it is: a renamed method or type breaks this test, not
/// a reader's first try. Each example is compiled as the top-level statements of a program, after the usings and
/// declarations its surrounding text gives it (an example starts mid-story: "<c>signer</c>" is the one made above).
/// </summary>
public partial class ReadmeExampleTests
{
    private const string SkiaUsings = "using Provenance;\nusing Provenance.Thumbnails;\nusing Provenance.Thumbnails.Skia;\n";
    private const string SignerContext =
        "using Provenance;\nusing Provenance.Assertions;\nusing Provenance.Cryptography;\n" +
        "using LocalSigner signer = DevelopmentCertificates.EnsureCreated().CreateSigner();\n";

    /// <summary>What each example may take from the text around it, by README and by order in that README.</summary>
    private static readonly Dictionary<(string File, int Ordinal), string> Contexts = new()
    {
        [("README.md", 0)] = "string input = args[0], output = args[1];\n",
        [("README.md", 1)] = SignerContext,
        [("README.md", 2)] = SignerContext,
        [("README.md", 3)] = "using Provenance;\nusing Provenance.Cryptography;\nusing Provenance.Validation;\n",
        [("README.md", 4)] = SignerContext + "using Provenance.Validation;\n",
        [("README.md", 5)] = SkiaUsings,
        [("src/Provenance/README.md", 0)] = string.Empty,
        [("src/Provenance.Thumbnails.Skia/README.md", 0)] = "using Provenance;\n",
    };

    public static TheoryData<string, int> Examples()
    {
        var data = new TheoryData<string, int>();
        foreach (string file in Contexts.Keys.Select(key => key.File).Distinct())
        {
            for (int i = 0; i < CSharpBlocks(file).Count; i++)
            {
                data.Add(file, i);
            }
        }

        return data;
    }

    [Fact]
    public void Contexts_CoverEveryCSharpExample()
    {
        foreach (string file in new[] { "README.md", "src/Provenance/README.md", "src/Provenance.Thumbnails.Skia/README.md" })
        {
            if (!File.Exists(Path.Combine(TestPaths.RepositoryRoot, file)))
            {
                continue;
            }

            int blocks = CSharpBlocks(file).Count;
            int known = Contexts.Keys.Count(key => key.File == file);
            Assert.True(blocks == known, $"{file} has {blocks} C# examples and this test knows {known}: give the new one its context in Contexts.");
        }
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_Compiles(string file, int ordinal)
    {
        string example = CSharpBlocks(file)[ordinal];
        string source = Hoist(Contexts[(file, ordinal)] + example);

        EmitResult result = Compile(source);

        string[] errors = result.Diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => d.ToString())
            .ToArray();
        Assert.True(result.Success, $"Example {ordinal + 1} of {file} does not compile:\n{string.Join('\n', errors)}\n---\n{source}");
    }

    [Fact]
    public void Example_Compiles_FailsOnAMissingMember()
    {
        // The check itself can fail: an example calling a method the library does not have is refused.
        string source = Hoist(SignerContext + "await new ManifestBuilder().SignFileWithMagicAsync(\"a.jpg\", \"b.jpg\", signer);\n");
        Assert.Contains(Compile(source).Diagnostics, d => d.Id == "CS1061");
    }

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private const string ImplicitUsings =
        "global using System;\nglobal using System.Collections.Generic;\nglobal using System.IO;\nglobal using System.Linq;\n" +
        "global using System.Net.Http;\nglobal using System.Threading;\nglobal using System.Threading.Tasks;\n";

    private static List<string> CSharpBlocks(string file)
    {
        string text = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, file)).ReplaceLineEndings("\n");
        return CSharpBlock().Matches(text).Select(m => m.Groups["code"].Value).ToList();
    }

    /// <summary>Moves every <c>using X;</c> directive to the top, where C# requires it; <c>using var</c> and using declarations stay.</summary>
    private static string Hoist(string source)
    {
        string[] lines = source.Split('\n');
        IEnumerable<string> directives = lines.Where(IsUsingDirective).Distinct();
        return string.Join('\n', directives.Concat(lines.Where(line => !IsUsingDirective(line))));
    }

    private static bool IsUsingDirective(string line) => UsingDirective().IsMatch(line);

    /// <summary>Compiles <paramref name="source"/> as a program's top-level statements, with the SDK's implicit usings.</summary>
    private static EmitResult Compile(string source)
    {
        CSharpCompilation compilation = CSharpCompilation.Create(
            "ReadmeExample",
            [CSharpSyntaxTree.ParseText(source, ParseOptions), CSharpSyntaxTree.ParseText(ImplicitUsings, ParseOptions)],
            References.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var output = new MemoryStream();
        return compilation.Emit(output);
    }

    // The platform's reference assemblies and the library's, read once for every example.
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        string platform = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        IEnumerable<string> paths = platform.Split(Path.PathSeparator)
            .Concat(new[]
            {
                typeof(ManifestBuilder).Assembly.Location,
                typeof(Provenance.Thumbnails.Skia.SkiaThumbnailGenerator).Assembly.Location,
            });
        return paths.Distinct().Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).ToImmutableArray();
    }

    [GeneratedRegex(@"```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"^using [A-Za-z][\w.]*;\s*$")]
    private static partial Regex UsingDirective();
}
