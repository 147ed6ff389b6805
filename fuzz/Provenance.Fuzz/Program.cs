using Provenance.Fuzz;
using SharpFuzz;

// provenance-fuzz <target>                      the AFL++ harness (run under afl-fuzz by fuzz/run.sh)
// provenance-fuzz replay <target> <file>...     runs saved inputs in process (an escaping exception is a crash)
// provenance-fuzz seed <directory> <media>...   writes the seed corpus of every target
if (args is ["seed", string directory, .. string[] media])
{
    SeedCorpus.Write(directory, media);
    return 0;
}

if (args is ["replay", string replayTarget, .. string[] files])
{
    foreach (string file in files)
    {
        FuzzTargets.Run(replayTarget, File.ReadAllBytes(file));
    }

    return 0;
}

if (args is [string target] && FuzzTargets.Names.Contains(target))
{
    Fuzzer.OutOfProcess.Run(stream =>
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        FuzzTargets.Run(target, buffer.ToArray());
    });
    return 0;
}

Console.Error.WriteLine($"usage: provenance-fuzz <{string.Join("|", FuzzTargets.Names)}> | replay <target> <file>... | seed <directory> <media>...");
return 2;
