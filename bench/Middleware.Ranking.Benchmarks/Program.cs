using BenchmarkDotNet.Running;
using Middleware.Ranking.Benchmarks;

// dotnet run -c Release --project bench/Middleware.Ranking.Benchmarks -- --filter '*'
// Other harnesses (see docs/performance.md) are chosen by their first argument:
//   refit [n]   the bridging refit at growing sizes (the first n sizes)
if (args.Length > 0 && args[0] == "refit")
{
    await RefitHarness.RunAsync(args);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
