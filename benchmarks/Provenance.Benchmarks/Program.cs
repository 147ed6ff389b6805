using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Provenance.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Provenance.Benchmarks.HashingBenchmarks).Assembly).Run(args);
