namespace Middleware.Ranking.Scripts;

/// <summary>The <c>Middleware:Ranking:Scripts</c> configuration section: the sandbox limits for
/// user scripts. The defaults let a scoring function do real work on 100,000 posts while an endless
/// loop, a runaway allocation or a runaway recursion is stopped in milliseconds.</summary>
public sealed class ScriptOptions
{
    public const string Section = "Middleware:Ranking:Scripts";

    /// <summary>Wall-clock time for one whole ranking: loading the script and scoring every post.
    /// It is held below three quarters of the runner's budget, so that the script is stopped (and the
    /// user told why) before the runner gives up on it.</summary>
    public TimeSpan TimeLimit { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Wall-clock time for one call of <c>score()</c>.</summary>
    public TimeSpan PostTimeLimit { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Statements one call of <c>score()</c> (or the script's top level) may run.</summary>
    public int MaxStatementsPerPost { get; set; } = 100_000;

    /// <summary>Bytes one call of <c>score()</c> may allocate.</summary>
    public long MemoryLimitBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Bytes one whole ranking may allocate, host objects for the posts included (about 1 KB
    /// a post). Bounds what a script could keep between calls, which the per-call limit does not.</summary>
    public long TotalMemoryLimitBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>How deep functions may call each other.</summary>
    public int RecursionLimit { get; set; } = 64;

    /// <summary>Longest script accepted, in characters.</summary>
    public int MaxScriptLength { get; set; } = 64 * 1024;

    /// <summary>Script rankings that may run at once; more wait for a turn up to half the ranking's time
    /// limit, then fall back to chronological. Each may take <see cref="TotalMemoryLimitBytes"/>,
    /// so this bounds what scripts can take from the process together.</summary>
    public int MaxConcurrentRankings { get; set; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>Distinct scripts kept parsed.</summary>
    public int CacheCapacity { get; set; } = 128;
}
