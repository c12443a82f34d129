using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Middleware.Server.ClientApi;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.ClientApi;

public sealed class FollowingSyncTests : ClientApiFixture
{
    // Every read of a feed with a token finds the list stale, so a test can see a resync.
    protected override void Configure(MiddlewareFactory service)
    {
        service.Settings["ClientApi:FollowingSyncInterval"] = "00:00:00";
        service.Settings["ClientApi:FollowingMaxPages"] = "3";
    }

    private static string Actor(int i) => $"https://f{i}.example/users/u{i}";

    private Task<string[]> StoredAsync() => ColumnAsync("SELECT followed_uri FROM account_follows ORDER BY followed_uri");

    private FollowingSync Sync => Service.Services.GetRequiredService<FollowingSync>();

    private async Task<string[]> WaitForStoredAsync(int count)
    {
        await Eventually.TrueAsync(async () => (await StoredAsync()).Length == count, $"{count} stored follows");
        return await StoredAsync();
    }

    private static Task<HttpResponseMessage> RecordAsync(HttpClient app, bool on) =>
        app.PutAsJsonAsync("/api/v1/preferences/ranking", new { recordInteractions = on });

    [Fact]
    public async Task Opting_in_reads_every_page_of_the_following_list_and_keeps_the_actor_ids()
    {
        // 85 follows: a full page of 80 and a second page; one account has no actor id.
        var accounts = Enumerable.Range(1, 85).Select(i => StandInFollowing.Account($"{i}", i == 40 ? null : Actor(i))).ToList();
        StandInFollowing.Serve(Home, accounts);
        using var app = ClientWithToken(await LoginAsync());

        Assert.Equal(HttpStatusCode.OK, (await RecordAsync(app, true)).StatusCode);
        Assert.Equal(1, Sync.ReadsStarted);

        var stored = await WaitForStoredAsync(84);
        Assert.Equal(Enumerable.Range(1, 85).Where(i => i != 40).Select(Actor).Order(StringComparer.Ordinal), stored);
        Assert.Equal($"{Remote.BaseUrl}/users/alice", await ScalarAsync("SELECT DISTINCT follower_uri FROM account_follows"));
        var reads = Remote.Received.Where(r => r.Path == StandInFollowing.Path).ToList();
        Assert.Equal(2, reads.Count);
        Assert.Equal($"{StandInFollowing.Path}?limit=80", reads[0].PathAndQuery);
        Assert.Contains("max_id=6", reads[1].PathAndQuery);
        Assert.All(reads, r => Assert.StartsWith($"Bearer {MastodonStandIn.UpstreamToken}-", r.Headers["Authorization"].ToString()));
    }

    [Fact]
    public async Task Nothing_is_read_without_opting_in()
    {
        StandInFollowing.Serve(Home, [Actor(1)]);
        using var app = ClientWithToken(await LoginAsync());

        Assert.Equal(HttpStatusCode.OK, (await RecordAsync(app, false)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.GetAsync("/api/v1/feeds/none/skeleton")).StatusCode);
        // A read starts before the request that asks for it answers (then runs in the background): none started.
        Assert.Equal(0, Sync.ReadsStarted);

        Assert.DoesNotContain(Remote.Received, r => r.Path == StandInFollowing.Path);
        Assert.Empty(await StoredAsync());
    }

    [Fact]
    public async Task A_stale_list_is_read_again_when_the_person_reads_a_feed_and_unfollows_disappear()
    {
        StandInFollowing.Serve(Home, [Actor(1), Actor(2)]);
        using var app = ClientWithToken(await LoginAsync());
        await RecordAsync(app, true);
        Assert.Equal([Actor(1), Actor(2)], await WaitForStoredAsync(2));

        StandInFollowing.Serve(Home, [Actor(2), Actor(3), Actor(4)]);
        await Eventually.TrueAsync(async () =>
        {
            await app.GetAsync("/api/v1/feeds/none/skeleton");
            return (await StoredAsync()).SequenceEqual([Actor(2), Actor(3), Actor(4)]);
        }, "the new list");
    }

    [Fact]
    public async Task Opting_out_deletes_the_list_before_answering()
    {
        StandInFollowing.Serve(Home, [Actor(1), Actor(2)]);
        using var app = ClientWithToken(await LoginAsync());
        await RecordAsync(app, true);
        await WaitForStoredAsync(2);

        Assert.Equal(HttpStatusCode.OK, (await RecordAsync(app, false)).StatusCode);

        Assert.Empty(await StoredAsync());
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM account_follow_syncs"));
    }

    [Fact]
    public async Task A_failing_home_instance_fails_neither_the_opt_in_nor_a_feed_read_and_a_later_read_recovers()
    {
        Remote.ServeStatus(StandInFollowing.Path, 503);
        using var app = ClientWithToken(await LoginAsync());

        Assert.Equal(HttpStatusCode.OK, (await RecordAsync(app, true)).StatusCode);
        await Eventually.TrueAsync(() => Task.FromResult(Remote.Received.Any(r => r.Path == StandInFollowing.Path)), "a read of the list");
        Assert.Equal(HttpStatusCode.NotFound, (await app.GetAsync("/api/v1/feeds/none/skeleton")).StatusCode);
        Assert.Empty(await StoredAsync());

        StandInFollowing.Serve(Home, [Actor(7)]);
        await Eventually.TrueAsync(async () =>
        {
            await app.GetAsync("/api/v1/feeds/none/skeleton");
            return (await StoredAsync()).SequenceEqual([Actor(7)]);
        }, "the list once the instance answers");
    }

    [Fact]
    public async Task The_read_stops_at_the_page_bound()
    {
        StandInFollowing.Serve(Home, Enumerable.Range(1, 300).Select(Actor));
        using var app = ClientWithToken(await LoginAsync());

        await RecordAsync(app, true);

        Assert.Equal(Enumerable.Range(1, 240).Select(Actor).Order(StringComparer.Ordinal), await WaitForStoredAsync(240));
        Assert.Equal(3, Remote.Received.Count(r => r.Path == StandInFollowing.Path));
    }
}
