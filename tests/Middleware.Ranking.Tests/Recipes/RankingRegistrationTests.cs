using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Middleware.Ranking.Engine;
using Middleware.Ranking.Scripts;

namespace Middleware.Ranking.Tests.Recipes;

public sealed class RankingRegistrationTests
{
    private static ServiceProvider Services(Dictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddRanking(configuration)
            .BuildServiceProvider();
    }

    [Fact]
    public void Recipes_and_scripts_are_built_in_rankers_after_engagement()
    {
        using var services = Services();

        var ids = services.GetRequiredService<RankerCatalog>().Entries.Select(e => e.Id).ToList();

        Assert.Equal(["chronological", "engagement", "bridging", "recipe", "script"], ids.Take(5));
    }

    [Fact]
    public async Task A_recipe_blending_other_rankers_runs_through_the_registered_runner()
    {
        using var services = Services();
        var runner = services.GetRequiredService<IRankingRunner>();
        var posts = new[] { Candidates.Post("new", 1), Candidates.Post("liked", 9, favourites: 30) };

        var outcome = await runner.RunAsync("recipe", Candidates.Request(posts, 2, Candidates.Parameters(
            """{"recipe":{"blend":[{"ranker":"engagement","weight":1},{"ranker":"script","weight":1,"parameters":{"script":"function score(p) { return -p.ageHours; }"}}]}}""")));

        Assert.Null(outcome.FallbackReason);
        Assert.Equal(["liked", "new"], Candidates.Ids(outcome.Result.Items));
    }

    [Fact]
    public void Script_limits_are_read_from_configuration()
    {
        using var services = Services(new() { ["Middleware:Ranking:Scripts:MaxStatementsPerPost"] = "5000", ["Middleware:Ranking:Scripts:TimeLimit"] = "00:00:00.5" });

        var options = services.GetRequiredService<IOptions<ScriptOptions>>().Value;

        Assert.Equal(5000, options.MaxStatementsPerPost);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.TimeLimit);
    }
}
