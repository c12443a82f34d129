using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Middleware.Ranking.Benchmarks -- --filter '*'
// Other harnesses (see docs/performance.md) are chosen by their first argument.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
