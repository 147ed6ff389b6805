using System.Diagnostics;
using Provenance.Fuzz;
using Provenance.Validation;

namespace Provenance.Tests.Fuzzing;

/// <summary>
/// Replays every input the coverage-guided fuzzer saved (fuzz/findings/&lt;target&gt;/, written by fuzz/run.sh) through
/// its target in process: each must keep the contract (a result or a <see cref="ProvenanceException"/>, nothing else)
/// within a time bound, so a crash or hang once fixed stays fixed.
/// </summary>
public sealed class FuzzFindingsTests
{
    /// <summary>Far above what any finding takes once fixed (well under a second), far below what a hang took.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    private static string FindingsRoot => Path.Combine(TestPaths.RepositoryRoot, "fuzz", "findings");

    public static TheoryData<string, string> Findings()
    {
        var data = new TheoryData<string, string>();
        foreach (string target in FuzzTargets.Names)
        {
            string folder = Path.Combine(FindingsRoot, target);
            if (Directory.Exists(folder))
            {
                foreach (string file in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
                {
                    data.Add(target, Path.GetFileName(file));
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Findings))]
    public async Task Saved_finding_keeps_the_contract_in_bounded_time(string target, string file)
    {
        byte[] input = await File.ReadAllBytesAsync(Path.Combine(FindingsRoot, target, file));

        var clock = Stopwatch.StartNew();
        Task run = Task.Run(() => FuzzTargets.Run(target, input));
        Task first = await Task.WhenAny(run, Task.Delay(Bound));

        Assert.True(first == run, $"{target}/{file} still running after {Bound.TotalSeconds} s (a hang)");
        await run; // an exception other than ProvenanceException escapes FuzzTargets.Run and fails the test here
        Assert.True(clock.Elapsed < Bound, $"{target}/{file} took {clock.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public void Every_findings_folder_names_a_target()
    {
        string[] folders = Directory.Exists(FindingsRoot) ? Directory.GetDirectories(FindingsRoot) : [];

        Assert.All(folders, folder => Assert.Contains(Path.GetFileName(folder), FuzzTargets.Names));
    }

    [Fact]
    public void Every_listed_target_runs_and_each_format_handler_has_one()
    {
        // fuzz/targets.txt is the one list (the scripts read it too): each name must be a target the harness runs, and
        // every format's handler must be driven by a target of its own.
        Assert.Equal(16, FuzzTargets.Names.Count);
        Assert.All(FuzzTargets.Names, name => FuzzTargets.Run(name, [0xFF, 0xD8, 0xFF]));
        Assert.All(Provenance.Formats.AssetFormats.All, format => Assert.Single(FuzzTargets.FormatTargets.Values, t => t.Serves(format)));
        Assert.Subset(FuzzTargets.Names.ToHashSet(), FuzzTargets.FormatTargets.Keys.ToHashSet());
    }

    [Fact]
    public void An_unknown_target_is_refused()
        => Assert.Throws<ArgumentException>(() => FuzzTargets.Run("no-such-target", []));

    [Fact]
    public void VerifyTarget_TrustsWhatTheSeedsAreSignedWith_SoTheirChainsAreValidated()
    {
        byte[] seed = FuzzTargets.SignForSeed(File.ReadAllBytes(TestPaths.Fixture("no_manifest.jpg")));

        ValidationReport report = ManifestVerifier.Verify(new MemoryStream(seed), FuzzTargets.VerifyOptions);

        Assert.Equal(ValidationState.Trusted, report.State);
    }
}
