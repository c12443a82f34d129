using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Middleware.Server.Feeds;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.Feeds;

/// <summary>A Mastodon account follows a feed account and receives its boosts.</summary>
public sealed class FeedBoostTests : ServiceFixture
{
    protected override void Configure(MiddlewareFactory service)
    {
        service.Settings["Middleware:Candidates:MaxAgeHours"] = (24 * 365).ToString();
        service.Settings["Middleware:Feeds:Tick"] = "01:00:00"; // the test runs the booster itself
    }

    private FeedBooster Booster => Service.Services.GetRequiredService<FeedBooster>();

    private IEnumerable<JsonElement> Received(string type) =>
        Remote.PostsTo("/inbox").Select(p => JsonDocument.Parse(p.Body).RootElement).Where(a => a.GetProperty("type").GetString() == type);

    private async Task<JsonElement> SingleAnnounceAsync()
    {
        await Eventually.TrueAsync(() => Task.FromResult(Received("Announce").Any()), "the Announce");
        // Every boost is queued before RunOnceAsync returns: once the queue is empty, a second one
        // (wrongly) sent would have arrived.
        await DrainDeliveriesAsync();
        return Assert.Single(Received("Announce"));
    }

    private async Task<RemoteAccount> FollowAsync(string feed, string name)
    {
        var follower = RemoteAccount.Create(Remote, name);
        var follow = Payloads.Load("follow.json", follower.Values(("follow", $"f-{name}"), ("target", $"http://localhost/users/{feed}")));
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(follower, $"/users/{feed}/inbox", follow)).StatusCode);
        await Eventually.TrueAsync(async () => (await StatsAsync()).GetProperty("followers").GetInt64() >= 1, "the follow");
        return follower;
    }

    private async Task PostNoteAsync(RemoteAccount author, string status)
    {
        var create = Payloads.Load("create-note.json", author.Values(("status", status)));
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(author, "/inbox", create)).StatusCode);
        await DrainInboxAsync();
    }

    [Fact]
    public async Task A_follower_gets_the_top_post_boosted_once_per_interval_and_the_boost_is_withdrawn_when_the_post_is_deleted()
    {
        var created = await Admin.PostAsJsonAsync("/api/admin/feeds", new { name = "buurt", ranker = "chronological", boostIntervalSeconds = 3600, maxBoostsPerHour = 5 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var alice = RemoteAccount.Create(Remote, "alice");
        using var bob = await FollowAsync("buurt", "bob");
        await PostNoteAsync(alice, "1");

        await Booster.RunOnceAsync(default);
        await Booster.RunOnceAsync(default); // not due again within the interval

        var announce = await SingleAnnounceAsync();
        Assert.Equal("http://localhost/users/buurt", announce.GetProperty("actor").GetString());
        var post = announce.GetProperty("object").GetString()!;
        Assert.Equal($"{alice.Id}/statuses/1", post);
        Assert.Contains(ActivityStreamsPublic, announce.GetProperty("to").EnumerateArray().Select(t => t.GetString()));
        Assert.Contains(alice.Id, announce.GetProperty("cc").EnumerateArray().Select(t => t.GetString()));

        var delete = Payloads.Load("delete-note.json", alice.Values(("status", "1")));
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(alice, "/inbox", delete)).StatusCode);
        await DrainInboxAsync();
        await Booster.RunOnceAsync(default);

        await Eventually.TrueAsync(() => Task.FromResult(Received("Undo").Any()), "the Undo");
        var undo = Received("Undo").Single();
        Assert.Equal(announce.GetProperty("id").GetString(), undo.GetProperty("object").GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_boost_is_one_served_position_in_the_audit_and_counts_as_deleted_once_the_post_is_gone()
    {
        var created = await Admin.PostAsJsonAsync("/api/admin/feeds", new { name = "audited", ranker = "chronological", boostIntervalSeconds = 3600, maxBoostsPerHour = 5 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var alice = RemoteAccount.Create(Remote, "alice");
        using var bob = await FollowAsync("audited", "bob");
        await PostNoteAsync(alice, "1");

        await Booster.RunOnceAsync(default);
        await SingleAnnounceAsync();

        var boosted = Assert.Single(await Audit.AuditRecordingTests.StoredAsync(Service, "audited", 1));
        Assert.Equal(($"{alice.Id}/statuses/1", 1, 1, false), (boosted.Uri, boosted.Feed, boosted.Baseline, boosted.Deleted));

        var delete = Payloads.Load("delete-note.json", alice.Values(("status", "1")));
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(alice, "/inbox", delete)).StatusCode);
        await DrainInboxAsync();

        Assert.True(Assert.Single(await Audit.AuditRecordingTests.StoredAsync(Service, "audited", 1)).Deleted);
    }

    [Fact]
    public async Task A_feed_without_followers_boosts_nothing_and_authors_without_consent_are_never_boosted()
    {
        await Admin.PostAsJsonAsync("/api/admin/feeds", new { name = "stil", ranker = "chronological", boostIntervalSeconds = 60 });
        using var alice = RemoteAccount.Create(Remote, "alice");
        await PostNoteAsync(alice, "1");
        await Booster.RunOnceAsync(default);
        Assert.Empty(Received("Announce"));

        using var shy = RemoteAccount.Create(Remote, "shy");
        Remote.Serve($"/users/shy", Payloads.Load("actor.json", shy.Values(("publicKeyPem", JsonEncodedText.Encode(shy.Key.ExportSubjectPublicKeyInfoPem()).ToString()))).Replace("\"discoverable\": true", "\"discoverable\": false"));
        await Admin.DeleteAsync("/api/admin/feeds/stil");
        await Admin.PostAsJsonAsync("/api/admin/feeds", new { name = "alleen", ranker = "chronological", boostIntervalSeconds = 60, sources = "all" });
        using var bob = await FollowAsync("alleen", "bob");
        await PostNoteAsync(shy, "7");

        await Booster.RunOnceAsync(default);

        var announce = await SingleAnnounceAsync();
        Assert.Equal($"{alice.Id}/statuses/1", announce.GetProperty("object").GetString());
        Assert.NotNull(await GetPostAsync($"{shy.Id}/statuses/7")); // stored, but never offered
        var feed = (await Service.Services.GetRequiredService<Middleware.Core.Feeds.IFeedStore>().FindAsync("alleen"))!;
        var ranking = await Service.Services.GetRequiredService<FeedRanker>().RankAsync(feed, null, 50, default);
        Assert.Equal([$"{alice.Id}/statuses/1"], ranking.Outcome.Result.Items.Select(i => i.PostUri));
    }

    [Fact]
    public async Task A_feed_that_boosted_its_top_fifty_goes_on_with_the_next_post()
    {
        await Admin.PostAsJsonAsync("/api/admin/feeds", new { name = "diep", ranker = "chronological", boostIntervalSeconds = 60 });
        const string author = "https://deep.example/users/dee";
        await Service.Services.GetRequiredService<Middleware.Core.Ingest.IChangeWriter>()
            .ApplyAsync([new Middleware.Core.Ingest.RecordAuthorConsent(author, Discoverable: true, Indexable: true)], null);
        string Uri(int i) => $"https://deep.example/notes/{i}";
        var lines = Enumerable.Range(0, 56).Select(i => JsonSerializer.Serialize(new
        {
            type = "post", uri = Uri(i), author, text = $"post {i}", published = DateTimeOffset.UtcNow.AddMinutes(-10 - i).ToString("O"),
        })).ToArray();
        Assert.Equal(HttpStatusCode.OK, (await Ranking.ImportTests.ImportAsync(Admin, lines)).StatusCode);
        // The 55 newest were boosted two hours ago: the next one is 56th in the ranking.
        var boosts = Service.Services.GetRequiredService<Middleware.Core.Feeds.IFeedBoostStore>();
        foreach (var i in Enumerable.Range(0, 55))
            await boosts.BoostAsync(new Middleware.Core.Feeds.FeedBoost("diep", Uri(i), $"http://localhost/users/diep/boosts/{i}", 1, DateTimeOffset.UtcNow.AddHours(-2)), TimeSpan.Zero, []);
        using var bob = await FollowAsync("diep", "bob");

        await Booster.RunOnceAsync(default);

        Assert.Equal(Uri(55), (await SingleAnnounceAsync()).GetProperty("object").GetString());
    }

    private const string ActivityStreamsPublic = "https://www.w3.org/ns/activitystreams#Public";
}
