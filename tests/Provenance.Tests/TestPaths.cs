namespace Provenance.Tests;

/// <summary>Locates the repository and the shared fixtures (../shared beside the repository).</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    /// <summary>The repository root (the folder holding Provenance.sln).</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>../shared/fixtures/c2pa-rs: real files signed by c2pa-rs and Adobe tools, and unsigned inputs.</summary>
    public static string C2paRsFixtures => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "fixtures", "c2pa-rs"));

    /// <summary>Path of one file in <see cref="C2paRsFixtures"/>; fails the test if it is absent.</summary>
    public static string Fixture(string name)
    {
        string path = Path.Combine(C2paRsFixtures, name);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Shared fixture {name} is missing; ../shared must sit beside the repository.", path);
        }

        return path;
    }

    /// <summary>A fresh temporary directory for one test.</summary>
    public static string NewTempDirectory()
    {
        string path = Path.Combine(Path.GetTempPath(), "provenance-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRepositoryRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null)
        {
            if (File.Exists(Path.Combine(dir, "Provenance.sln")))
            {
                return dir;
            }

            dir = Path.GetDirectoryName(dir);
        }

        throw new InvalidOperationException("Cannot find Provenance.sln above " + AppContext.BaseDirectory);
    }
}
