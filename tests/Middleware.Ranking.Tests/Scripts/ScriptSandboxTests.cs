namespace Middleware.Ranking.Tests.Scripts;

/// <summary>A script reaches nothing but the data it is given.</summary>
public sealed class ScriptSandboxTests
{
    [Theory]
    [InlineData("fetch")]
    [InlineData("XMLHttpRequest")]
    [InlineData("WebSocket")]
    [InlineData("require")]
    [InlineData("importNamespace")]
    [InlineData("System")]
    [InlineData("process")]
    [InlineData("clrHelper")]
    public async Task Host_and_network_objects_are_not_reachable(string name)
    {
        var reason = await new ScriptHost().FirstReasonAsync(
            $"function score() {{ return {{ score: 0, reason: typeof {name} + ' ' + typeof globalThis['{name}'] }}; }}", Candidates.Post("a", 1));

        Assert.Equal("undefined undefined", reason);
    }

    [Fact]
    public async Task Dotnet_types_cannot_be_reached_through_the_post_object()
    {
        var reason = await new ScriptHost().FirstReasonAsync(
            "function score(p) { return { score: 0, reason: [typeof p.GetType, typeof p.hashtags.GetType, Object.getPrototypeOf(p) === Object.prototype].join(' ') }; }",
            Candidates.Post("a", 1));

        Assert.Equal("undefined undefined true", reason);
    }

    [Fact]
    public async Task Scripts_run_in_strict_mode()
    {
        var outcome = await new ScriptHost().RunAsync("function score() { undeclared = 1; return 1; }", [Candidates.Post("a", 1)]);

        Assert.Contains("ReferenceError: undeclared is not defined", outcome.FallbackReason);
    }
}
