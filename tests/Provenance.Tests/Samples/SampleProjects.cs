using System.Reflection;

namespace Provenance.Tests.Samples;

/// <summary>
/// The sample programs, built with the tests (the test project references them without their assemblies) and run as
/// their users run them, from the repository root, each with its own development-certificate home.
/// </summary>
internal static class SampleProjects
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>The built program of a sample, in the configuration the tests were built in.</summary>
    public static string Dll(string name)
    {
        string configuration = typeof(SampleProjects).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        string path = Path.Combine(TestPaths.RepositoryRoot, "samples", name, "bin", configuration, "net10.0", name + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Sample {name} is not built: dotnet build Provenance.sln -c {configuration}", path);
    }

    /// <summary>Runs a sample to completion with <c>PROVENANCE_HOME</c> set to <paramref name="home"/>.</summary>
    public static (int ExitCode, string Output, string Error) Run(string name, string home, params string[] arguments)
        => ProcessRunner.Run(
            "dotnet",
            [Dll(name), .. arguments],
            Timeout,
            "The dotnet host is needed to run the samples.",
            TestPaths.RepositoryRoot,
            new Dictionary<string, string> { ["PROVENANCE_HOME"] = home });
}
