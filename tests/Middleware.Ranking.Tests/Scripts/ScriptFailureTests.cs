using Middleware.Ranking.Scripts;

namespace Middleware.Ranking.Tests.Scripts;

/// <summary>Scripts that misbehave at run time are stopped within their limits, and the runner falls
/// back to chronological order with a reason the user can act on.</summary>
[Collection(SandboxLimitsCollection.Name)]
public sealed class ScriptFailureTests
{
    private static readonly IReadOnlyList<Candidate> Posts =
        [Candidates.Post("old", 5, favourites: 9), Candidates.Post("new", 1), Candidates.Post("mid", 3)];

    // Generous clocks, so that on a busy test machine the limit under test fires before a timer;
    // the time limits have tests of their own.
    private static readonly ScriptOptions Limits = new()
    {
        MaxStatementsPerPost = 10_000,
        PostTimeLimit = TimeSpan.FromMilliseconds(1200),
        TimeLimit = TimeSpan.FromMilliseconds(1400),
    };

    [Theory]
    [InlineData("function score() { while (true) {} }", "score() ran more than 10,000 statements for one post")]
    [InlineData("function score() { var a = []; while (true) { a.push(new Array(10000).fill(a.length)); } }", "score() used more than 4 MB for one post")]
    [InlineData("function score() { var s = 'x'; while (true) { s = s + s; } }", "score() used more than 4 MB for one post")]
    [InlineData("function f(n) { return f(n + 1) + 1; }\nfunction score() { return f(0); }", "score() called functions more than 64 deep")]
    [InlineData("function score(p) {\n  return p.missing.value;\n}", "score() threw TypeError: Cannot read properties of undefined (reading 'value') at line 2, column 20.")]
    [InlineData("function score() {\n  throw new Error('no thanks');\n}", "score() threw Error: no thanks at line 2")]
    [InlineData("function score() { return 0 / 0; }", "score() returned NaN for post https://example.social/posts/")]
    [InlineData("function score() { return 1 / 0; }", "score() returned Infinity for post https://example.social/posts/")]
    [InlineData("function score() { return 'abc'; }", "score() returned 'abc' for post https://example.social/posts/")]
    [InlineData("function score() { }", "score() returned undefined (no return?) for post")]
    [InlineData("function score() { return { reason: 'no score' }; }", "score() returned undefined (no return?) for post")]
    [InlineData("function score() { return { score: 1, reason: 42 }; }", "returned a reason that is not a string")]
    [InlineData("function score() { return { get score() { for (;;) {} } }; }", "score() ran more than 10,000 statements for one post")]
    [InlineData("function score() { return eval('1'); }", "String compilation has been disabled")]
    [InlineData("function score(p) { return p.constructor.constructor('return 1')(); }", "String compilation has been disabled")]
    public async Task A_misbehaving_script_falls_back_to_chronological_with_the_reason(string script, string reason)
    {
        var outcome = await new ScriptHost(Limits).RunAsync(script, Posts);

        // Stopped by the sandbox (a ScriptFailedException), not abandoned by the runner's budget.
        Assert.Equal("chronological", outcome.Ranker);
        Assert.Contains(reason, outcome.FallbackReason);
        Assert.StartsWith("The ranker 'script' failed: ScriptFailedException:", outcome.FallbackReason);
        Assert.Equal(["new", "mid", "old"], Candidates.Ids(outcome.Result.Items));
        Assert.All(outcome.Result.Items, i => Assert.Equal(outcome.FallbackReason, i.Explanation.Fallback));
    }

    [Theory]
    [InlineData("function score() { for (;;) {} }", "score() ran longer than 100 ms for one post")]
    [InlineData("function score() { return /(a+)+$/.test('a'.repeat(40) + '!') ? 1 : 0; }", "a regular expression in score() ran longer than 100 ms")]
    public async Task Without_a_statement_limit_a_call_is_stopped_by_the_time_limit_for_one_post(string script, string reason)
    {
        var host = new ScriptHost(new ScriptOptions { MaxStatementsPerPost = 0, PostTimeLimit = TimeSpan.FromMilliseconds(100) });

        var outcome = await host.RunAsync(script, Posts);

        // The reason names the limit that stopped it: without the limit for one post, the ranking's
        // own limit (1 s) would stop it, with another reason.
        Assert.Contains(reason, outcome.FallbackReason);
    }

    [Fact]
    public async Task A_script_slow_on_every_post_is_stopped_by_the_time_limit_for_the_ranking()
    {
        var host = new ScriptHost(new ScriptOptions { TimeLimit = TimeSpan.FromMilliseconds(200) });
        var posts = Enumerable.Range(0, 1000).Select(i => Candidates.Post($"p{i}", i)).ToList();

        // 1,000 posts of 2 ms each: without the limit the script would score them all (or be abandoned
        // by the runner's budget, with another reason).
        var outcome = await host.RunAsync("function score() { var t = Date.now(); while (Date.now() - t < 2) {} return 1; }", posts);

        Assert.Equal("chronological", outcome.Ranker);
        Assert.Contains("the script ran longer than 200 ms in total", outcome.FallbackReason);
        Assert.Contains("of 1,000 posts scored", outcome.FallbackReason);
    }

    [Fact]
    public async Task A_script_hoarding_memory_across_posts_is_stopped_by_the_total_memory_limit()
    {
        var host = new ScriptHost(new ScriptOptions { TotalMemoryLimitBytes = 32 * 1024 * 1024 });
        var posts = Enumerable.Range(0, 1000).Select(i => Candidates.Post($"p{i}", i)).ToList();

        var outcome = await host.RunAsync("var kept = []; function score(p) { kept.push(new Array(50000).fill(1)); return 1; }", posts);

        Assert.Contains("the script allocated more than 32 MB in total", outcome.FallbackReason);
    }

    [Fact]
    public async Task A_caller_that_gives_up_cancels_the_script_without_blaming_it()
    {
        using var cancelled = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var host = new ScriptHost(new ScriptOptions { MaxStatementsPerPost = 0 });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await host.Script.RankAsync(ScriptHost.Request("function score() { for (;;) {} }", Posts), cancelled.Token));
    }

    [Fact]
    public async Task Scripts_beyond_the_concurrency_limit_wait_then_fall_back_without_running()
    {
        // A ranking may take 6 s and waits at most 3 s for a turn; the runner's budget is longer still.
        var host = new ScriptHost(
            new ScriptOptions { MaxConcurrentRankings = 1, MaxStatementsPerPost = 0, PostTimeLimit = TimeSpan.FromSeconds(6), TimeLimit = TimeSpan.FromSeconds(6) },
            new RankingOptions { TimeBudget = TimeSpan.FromSeconds(10) });
        using var stopBusy = new CancellationTokenSource();
        var busy = Task.Run(async () => await host.Script.RankAsync(ScriptHost.Request("function score() { for (;;) {} }", Posts), stopBusy.Token));
        Assert.True(SpinWait.SpinUntil(() => host.Script.RankingsRunning == 1, TimeSpan.FromMinutes(1)), "the busy script never got a turn");

        var waiting = await host.RunAsync("function score() { return 1; }", Posts);

        Assert.Equal("chronological", waiting.Ranker);
        Assert.Contains("1 scripts were already ranking, and none finished within 3000 ms", waiting.FallbackReason);
        Assert.False(busy.IsCompleted, "the busy script gave up its turn early");
        await stopBusy.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => busy);
        Assert.Equal(0, host.Script.RankingsRunning);
        Assert.Equal("script", (await host.RunAsync("function score() { return 1; }", Posts)).Ranker);
    }
}
