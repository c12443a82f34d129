using Microsoft.Extensions.DependencyInjection;
using Middleware.Ranking.Engine;

namespace Middleware.Ranking.Tests.Plugins;

/// <summary>Plugins as the service sees them: registered by <c>AddRanking</c>, listed in the
/// catalog after the built-ins and run through the runner, with its time budget and fallback.</summary>
public sealed class PluginRankingTests : IDisposable
{
    private static readonly IReadOnlyList<Candidate> Posts =
    [
        Candidates.Post("old", 5) with { MediaCount = 1 },
        Candidates.Post("new", 1),
        Candidates.Post("mid", 3),
    ];

    private readonly PluginFolders plugins = new();
    private ServiceProvider? services;

    public void Dispose()
    {
        services?.Dispose();
        plugins.Dispose();
    }

    // A generous budget unless a test is about the budget: a shared, busy machine must not turn a
    // working ranker into a timeout.
    private (RankerCatalog Catalog, IRankingRunner Runner) Start(int budgetMilliseconds = 5000)
    {
        services = new ServiceCollection()
            .AddLogging()
            .AddRanking()
            .Configure<RankingOptions>(o =>
            {
                o.PluginsPath = plugins.Root;
                o.Plugins.Allowed = plugins.Allowed;
                o.TimeBudget = TimeSpan.FromMilliseconds(budgetMilliseconds);
            })
            .BuildServiceProvider();
        return (services.GetRequiredService<RankerCatalog>(), services.GetRequiredService<IRankingRunner>());
    }

    [Fact]
    public async Task The_template_plugin_is_listed_after_the_built_ins_and_ranks_through_the_runner()
    {
        plugins.AddTemplate();
        var (catalog, runner) = Start();

        Assert.Equal([RankerOrigin.BuiltIn, RankerOrigin.Plugin], catalog.Entries.Select(e => e.Origin).Distinct());
        Assert.Equal(PluginFolders.TemplateId, catalog.Entries[^1].Id);
        var outcome = await runner.RunAsync(PluginFolders.TemplateId, Candidates.Request(Posts));

        Assert.Null(outcome.FallbackReason);
        Assert.Equal(PluginFolders.TemplateId, outcome.Ranker);
        // 5 hours old with media (+6 h) beats 1 hour old without.
        Assert.Equal(["old", "new", "mid"], outcome.Result.Items.Select(i => i.PostUri.Split('/')[^1]));
        Assert.All(outcome.Result.Items, i => Assert.Equal(PluginFolders.TemplateId, i.Explanation.Ranker));
    }

    [Fact]
    public void A_plugin_claiming_a_built_in_id_is_reported_and_the_built_in_stays()
    {
        plugins.AddFaulty("impostor", "chronological", "Middleware.Plugins.Faulty.ImpostorRanker");
        var (catalog, _) = Start();

        var impostor = catalog.Entries.Single(e => e.Origin == RankerOrigin.Plugin);
        Assert.Equal(RankerState.Failed, impostor.State);
        Assert.Contains("already has the id 'chronological'", impostor.Error);
        Assert.Equal(RankerOrigin.BuiltIn, catalog.Entries.First(e => e.Id == "chronological").Origin);
        Assert.Equal("Middleware.Ranking.Builtin.ChronologicalRanker", catalog.Find("chronological")!.GetType().FullName);
    }

    [Fact]
    public void Of_two_plugins_with_one_id_the_first_folder_wins_and_the_second_is_reported()
    {
        var first = plugins.AddTemplate("a");
        var second = plugins.AddTemplate("b");
        var (catalog, _) = Start();

        var entries = catalog.Entries.Where(e => e.Id == PluginFolders.TemplateId).ToList();
        Assert.Equal([first, second], entries.Select(e => e.Location));
        Assert.Equal([RankerState.Loaded, RankerState.Failed], entries.Select(e => e.State));
        Assert.Same(entries[0].Ranker, catalog.Find(PluginFolders.TemplateId));
    }

    [Theory]
    [InlineData("throws", "Middleware.Plugins.Faulty.ThrowingRanker", 5000, "failed: InvalidOperationException: the plugin's model is not trained")]
    [InlineData("spins", "Middleware.Plugins.Faulty.SpinningRanker", 200, "did not finish within its time budget of 200 ms")]
    [InlineData("foreign", "Middleware.Plugins.Faulty.ForeignPostsRanker", 5000, "'https://elsewhere.example/posts/1' was not a candidate")]
    public async Task A_misbehaving_plugin_falls_back_to_chronological_with_the_reason_in_every_explanation(string id, string rankerType, int budgetMilliseconds, string reason)
    {
        plugins.AddFaulty(id, id, rankerType);
        var (catalog, runner) = Start(budgetMilliseconds);
        Assert.Equal(RankerState.Loaded, catalog.Describe(id)!.State);

        var outcome = await runner.RunAsync(id, Candidates.Request(Posts));

        Assert.Equal("chronological", outcome.Ranker);
        Assert.Contains(reason, outcome.FallbackReason);
        Assert.Equal(["new", "mid", "old"], outcome.Result.Items.Select(i => i.PostUri.Split('/')[^1]));
        Assert.All(outcome.Result.Items, i => Assert.Equal(outcome.FallbackReason, i.Explanation.Fallback));
        Assert.Contains(reason, outcome.Result.Notice);
    }

    [Fact]
    public async Task An_incompatible_plugin_is_listed_and_asking_for_it_falls_back_saying_why()
    {
        PluginFolders.AddManifest(plugins.AddTemplate(), PluginFolders.Manifest(PluginFolders.TemplateId, "Template.dll", contract: "2.0"));
        var (catalog, runner) = Start();

        Assert.Equal(RankerState.Incompatible, catalog.Describe(PluginFolders.TemplateId)!.State);
        var outcome = await runner.RunAsync(PluginFolders.TemplateId, Candidates.Request(Posts));

        Assert.Contains($"'{PluginFolders.TemplateId}' is not loaded: Built for ranking contract 2.0", outcome.FallbackReason);
        Assert.All(outcome.Result.Items, i => Assert.Equal(outcome.FallbackReason, i.Explanation.Fallback));
    }
}
