using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Middleware.Core.Ranking;
using Middleware.Ranking.Bridging;
using Middleware.Ranking.Engine;
using Middleware.Synthetic;

namespace Middleware.Ranking.Tests.Bridging;

[Collection(BridgingFitsCollection.Name)]
public sealed class BridgingRegistrationTests
{
    private static ServiceProvider Services(IRatingSource source, Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(source);
        services.AddRanking(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }

    [Fact]
    public void AddRanking_lists_bridging_after_engagement_binds_its_options_and_exposes_it_as_refittable()
    {
        using var provider = Services(new SyntheticRatingSource([]), new() { ["Middleware:Ranking:Bridging:MinRatings"] = "7" });

        var catalog = provider.GetRequiredService<RankerCatalog>();
        Assert.Equal(["chronological", "engagement", "bridging"], catalog.Entries.Select(e => e.Id).Take(3));
        Assert.Same(provider.GetRequiredService<BridgingRanker>(), catalog.Find("bridging"));
        Assert.Same(catalog.Find("bridging"), provider.GetRequiredService<IRefittable>());
        Assert.Equal(7, provider.GetRequiredService<IOptions<BridgingOptions>>().Value.MinRatings);
        Assert.Contains(provider.GetServices<IHostedService>(), s => s is BridgingRefitSchedule);
    }

    [Fact]
    public async Task Without_a_rating_store_the_catalog_still_builds_and_bridging_fits_nothing()
    {
        var services = new ServiceCollection().AddLogging().AddRanking();
        using var provider = services.BuildServiceProvider();

        var bridging = (BridgingRanker)provider.GetRequiredService<RankerCatalog>().Find("bridging")!;
        var report = await bridging.RefitAsync(default);

        Assert.True(report.Succeeded, report.Error);
        Assert.Equal(0, report.Signals);
    }

    [Fact]
    public async Task The_schedule_refits_after_its_start_up_delay()
    {
        var data = SyntheticAudience.Generate(BridgingHarness.Small(1) with { Users = 200, Posts = 50, CoordinatedAccounts = 0, Now = DateTimeOffset.UtcNow });
        using var provider = Services(new SyntheticRatingSource(data.Ratings), new()
        {
            ["Middleware:Ranking:Bridging:StartupDelay"] = "00:00:00.050",
            ["Middleware:Ranking:Bridging:RefitInterval"] = "01:00:00",
        });
        var schedule = provider.GetServices<IHostedService>().OfType<BridgingRefitSchedule>().Single();
        var ranker = provider.GetRequiredService<BridgingRanker>();

        await schedule.StartAsync(default);
        for (var waited = 0; ranker.LastRefit is null && waited < 100; waited++)
            await Task.Delay(50);
        await schedule.StopAsync(default);

        Assert.NotNull(ranker.LastRefit);
        Assert.True(ranker.LastRefit.Succeeded, ranker.LastRefit.Error);
        Assert.Equal(data.Posts.Count, ranker.LastRefit.Posts);
    }
}
