using System.Runtime.CompilerServices;

namespace Middleware.Ranking.Tests;

/// <summary>Raises the thread pool's minimum for this test assembly, as the service does at start
/// (Program.cs). Tests abandon rankers that spin past their budget on pool threads; with the default
/// minimum (one thread per core, two on a small machine) those spinners would starve the pool, and
/// unrelated tests running in parallel would miss their own time budgets.</summary>
internal static class ThreadPoolMinimum
{
#pragma warning disable CA2255 // A test assembly, not a library: the setting is meant for the whole process.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Raise()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
    }
}
