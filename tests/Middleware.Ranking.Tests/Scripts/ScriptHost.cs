using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Middleware.Ranking.Builtin;
using Middleware.Ranking.Engine;
using Middleware.Ranking.Scripts;

namespace Middleware.Ranking.Tests.Scripts;

/// <summary>A script ranker behind a runner, as the service wires them.</summary>
internal sealed class ScriptHost
{
    public ScriptHost(ScriptOptions? options = null, RankingOptions? ranking = null)
    {
        ranking ??= new RankingOptions();
        Script = new ScriptRanker(Options.Create(options ?? new ScriptOptions()), Options.Create(ranking));
        Runner = new RankingRunner(
            new RankerCatalog([RankerEntry.BuiltIn(new ChronologicalRanker()), RankerEntry.BuiltIn(Script)]),
            Options.Create(ranking), NullLogger<RankingRunner>.Instance);
    }

    public ScriptRanker Script { get; }

    public RankingRunner Runner { get; }

    public static RankingRequest Request(string script, IReadOnlyList<Candidate> posts, int limit = 10) =>
        Candidates.Request(posts, limit, Candidates.Parameters($$"""{"script":{{JsonSerializer.Serialize(script)}}}"""));

    public async Task<RankingResult> RankAsync(string script, IReadOnlyList<Candidate> posts, int limit = 10) =>
        await Script.RankAsync(Request(script, posts, limit), default);

    public Task<RankingOutcome> RunAsync(string script, IReadOnlyList<Candidate> posts, int limit = 10) =>
        Runner.RunAsync("script", Request(script, posts, limit));

    /// <summary>The reason the first item's explanation gives.</summary>
    public async Task<string?> FirstReasonAsync(string script, params Candidate[] posts) =>
        (await RankAsync(script, posts)).Items[0].Explanation.Factors[0].Note;
}
