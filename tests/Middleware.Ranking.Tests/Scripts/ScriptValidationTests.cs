using Middleware.Ranking.Scripts;

namespace Middleware.Ranking.Tests.Scripts;

/// <summary>A script that cannot work is the caller's error, with the line and column, not a fallback.</summary>
public sealed class ScriptValidationTests
{
    [Theory]
    [InlineData("function score(p) {\n  return p.boosts +;\n}", "line 2, column 20: Unexpected token ';'")]
    [InlineData("function score(p) { return 1;", "line 1, column 30: Unexpected end of input")]
    [InlineData("function rank(p) { return 1; }", "the script must define function score(post, context)")]
    [InlineData("var score = 3;", "the script must define function score(post, context)")]
    [InlineData("var x = null;\nx.y = 1;\nfunction score() { return 1; }", "the script's top level threw TypeError")]
    // An endless loop is stopped by the statement limit or, on a busy machine, the time limit.
    [InlineData("while (true) {}\nfunction score() { return 1; }", "the script's top level ran")]
    [InlineData("function score() { with (Math) { return 1; } }", "line 1, column 20")]
    public async Task A_script_that_cannot_work_is_a_parameter_error_on_script(string script, string problem)
    {
        var error = await Assert.ThrowsAsync<RankerParameterException>(() => new ScriptHost().RunAsync(script, [Candidates.Post("a", 1)]));

        Assert.Equal("script", error.Field);
        Assert.Contains(problem, error.Problem);
    }

    [Fact]
    public async Task A_missing_script_is_a_parameter_error()
    {
        var error = await Assert.ThrowsAsync<RankerParameterException>(() =>
            new ScriptHost().Runner.RunAsync("script", Candidates.Request([Candidates.Post("a", 1)])));

        Assert.Equal("script", error.Field);
    }

    [Fact]
    public async Task A_script_longer_than_the_limit_is_refused()
    {
        var host = new ScriptHost(new ScriptOptions { MaxScriptLength = 100 });

        var error = await Assert.ThrowsAsync<RankerParameterException>(() =>
            host.RunAsync("function score() { return 1; }" + new string(' ', 100), [Candidates.Post("a", 1)]));

        Assert.Contains("at most 100 are allowed", error.Problem);
    }

    [Fact]
    public async Task A_script_is_parsed_once_per_distinct_text()
    {
        var host = new ScriptHost();

        await host.RankAsync("function score() { return 1; }", [Candidates.Post("a", 1)]);
        await host.RankAsync("function score() { return 1; }", [Candidates.Post("b", 1)]);
        await host.RankAsync("function score() { return 2; }", [Candidates.Post("a", 1)]);

        Assert.Equal(2, host.Script.CachedScripts);
    }
}
