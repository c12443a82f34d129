using BenchmarkDotNet.Running;
using Middleware.Ranking.Benchmarks;

// dotnet run -c Release --project bench/Middleware.Ranking.Benchmarks -- --filter '*'
// Other harnesses (see docs/performance.md) are chosen by their first argument:
//   refit [n]   the bridging refit at growing sizes (the first n sizes)
//   refit-stores SQLITE-FILE POSTGRES-CONNECTION [users] [repeats]   the refit through the stores, side by side (bench/refit-stores.sh)
//   guard [seeds] [scenarios]   the coordination guard on every scenario (docs/ranking.md)
//   learning [seeds]            bridging precision against votes per statement (docs/ranking.md)
if (args.Length > 0 && args[0] == "refit")
{
    await RefitHarness.RunAsync(args);
    return;
}
if (args.Length > 2 && args[0] == "refit-stores")
{
    await RefitStoresHarness.RunAsync(args);
    return;
}
if (args.Length > 0 && args[0] == "learning")
{
    await GuardHarness.LearningCurveAsync(args);
    return;
}
if (args.Length > 0 && args[0] == "guard")
{
    await GuardHarness.RunAsync(args);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
