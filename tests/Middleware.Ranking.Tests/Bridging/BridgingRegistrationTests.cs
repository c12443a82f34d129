using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Middleware.Core.Cluster;
using Middleware.Core.Ranking;
using Middleware.Ranking.Bridging;
using Middleware.Ranking.Engine;
using Middleware.Synthetic;

namespace Middleware.Ranking.Tests.Bridging;

[Collection(BridgingFitsCollection.Name)]
public sealed class BridgingRegistrationTests
{
    private static ServiceProvider Services(IRatingSource source, Dictionary<string, string?> settings, TimeProvider? clock = null,
        ILeadership? leadership = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(source);
        if (clock is not null)
            services.AddSingleton(clock);
        if (leadership is not null)
            services.AddSingleton(leadership);
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
        var start = DateTimeOffset.UtcNow;
        var clock = new FakeTimeProvider(start);
        var data = SyntheticAudience.Generate(BridgingHarness.Small(1) with { Users = 200, Posts = 50, CoordinatedAccounts = 0, Now = start });
        using var provider = Services(new SyntheticRatingSource(data.Ratings), new()
        {
            ["Middleware:Ranking:Bridging:StartupDelay"] = "01:00:00",
            ["Middleware:Ranking:Bridging:RefitInterval"] = "30.00:00:00",
        }, clock);
        var schedule = provider.GetServices<IHostedService>().OfType<BridgingRefitSchedule>().Single();
        var ranker = provider.GetRequiredService<BridgingRanker>();

        await schedule.StartAsync(default);
        // The simulated clock moves a minute at a time until the refit is seen; a refit is real work,
        // so the only bound is a guard against a hang.
        var guard = DateTime.UtcNow.AddMinutes(2);
        while (ranker.LastRefit is null && DateTime.UtcNow < guard)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(20);
        }
        await schedule.StopAsync(default);

        Assert.NotNull(ranker.LastRefit);
        Assert.True(ranker.LastRefit.Started >= start.AddHours(1), $"refit at {ranker.LastRefit.Started - start} on the simulated clock, before the start-up delay");
        Assert.True(ranker.LastRefit.Succeeded, ranker.LastRefit.Error);
        Assert.Equal(data.Posts.Count, ranker.LastRefit.Posts);
    }

    /// <summary>A node's leadership the test hands over: it follows until <see cref="Lead"/>.</summary>
    private sealed class HandedLeadership : ILeadership
    {
        private readonly TaskCompletionSource<CancellationToken> _gained = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool IsLeading => _gained.Task.IsCompleted;

        public Task<CancellationToken> WaitToLeadAsync(CancellationToken ct) => _gained.Task.WaitAsync(ct);

        public void Lead() => _gained.SetResult(CancellationToken.None);
    }

    [Fact]
    public async Task A_following_node_loads_the_model_but_refits_only_once_it_leads()
    {
        var start = DateTimeOffset.UtcNow;
        var clock = new FakeTimeProvider(start);
        var data = SyntheticAudience.Generate(BridgingHarness.Small(1) with { Users = 200, Posts = 50, CoordinatedAccounts = 0, Now = start });
        var leadership = new HandedLeadership();
        using var provider = Services(new SyntheticRatingSource(data.Ratings), new()
        {
            ["Middleware:Ranking:Bridging:StartupDelay"] = "00:01:00",
            ["Middleware:Ranking:Bridging:RefitInterval"] = "01:00:00",
        }, clock, leadership);
        var schedule = provider.GetServices<IHostedService>().OfType<BridgingRefitSchedule>().Single();
        var ranker = provider.GetRequiredService<BridgingRanker>();

        await schedule.StartAsync(default);
        // Two and a half simulated hours over three real seconds: a leader would have refitted twice.
        for (var minute = 0; minute < 150; minute++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(20);
        }
        Assert.Null(ranker.LastRefit);

        leadership.Lead();
        var guard = DateTime.UtcNow.AddMinutes(2);
        while (ranker.LastRefit is null && DateTime.UtcNow < guard)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(20);
        }
        await schedule.StopAsync(default);

        Assert.NotNull(ranker.LastRefit);
        Assert.True(ranker.LastRefit.Started >= start.AddMinutes(150), "the refit ran only after the node began to lead");
    }
}
