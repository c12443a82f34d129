using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Middleware.Core.Ingest;
using Middleware.Server.Tests.Ranking;

namespace Middleware.Server.Tests.ClientApi.FeedSurfaces;

/// <summary>A feed whose ranked order differs from both the home instance's id order and the posts'
/// times: 30 posts by carol (post k published k minutes before the newest), each with (7k mod 30)
/// favourites, ranked by favourites in the feed "buurt". The home instance knows each post under an
/// id that is neither (7000 + 11k mod 30), finds it by search, and answers it by id; it also has one
/// list of its own ("7") and its own trends.</summary>
public class FeedSurfaceFixture : ClientApiFixture
{
    public const int PostCount = 30;
    public const string Feed = "buurt";
    public const string FeedList = "mw-feed-buurt";

    /// <summary>Post URIs the home instance does not find.</summary>
    public ConcurrentDictionary<string, bool> Unfindable { get; } = new();

    /// <summary>Post URIs whose search answers 503 (the instance failing, not "not found").</summary>
    public ConcurrentDictionary<string, bool> Failing { get; } = new();

    /// <summary>How many more multi-status requests answer 503.</summary>
    public int FailingByIdRequests;

    /// <summary>The home instance's statuses by post URI.</summary>
    public Dictionary<string, Dictionary<string, object?>> AtHome { get; } = new();

    public string Carol => $"{Remote.BaseUrl}/users/carol";

    public string PostUri(int k) => $"{Carol}/statuses/p{k}";

    public static string HomeId(int k) => (7000 + k * 11 % PostCount).ToString();

    public static int Favourites(int k) => k * 7 % PostCount;

    /// <summary>The home ids in the feed's order (most favourited first).</summary>
    public static List<string> Ranked(IEnumerable<int>? posts = null) =>
        (posts ?? Enumerable.Range(0, PostCount)).OrderByDescending(Favourites).Select(HomeId).ToList();

    public int Searches => Remote.Received.Count(r => r.Path == "/api/v2/search");

    public int ByIdRequests => Remote.Received.Count(r => r.Path.StartsWith("/api/v1/statuses", StringComparison.Ordinal));

    /// <summary>Every read ranks the feed afresh (no snapshot is kept), so new posts show at once.</summary>
    protected override void Configure(Middleware.Server.Tests.Infrastructure.MiddlewareFactory service) =>
        service.Settings["Middleware:OpenFeeds:SnapshotMinutes"] = "0";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        for (var k = 0; k < PostCount; k++)
            AtHome[PostUri(k)] = StatusOf(k);
        ServeHomeInstance();
        await ImportAsync(Enumerable.Range(0, PostCount));
        using var admin = Service.CreateAdminClient();
        var created = await admin.PostAsJsonAsync("/api/admin/feeds", new
        {
            name = Feed, displayName = "Buurt", sources = "all", ranker = "engagement",
            parameters = new { boostWeight = 0, replyWeight = 0, halfLifeHours = 8760 },
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
    }

    public Dictionary<string, object?> StatusOf(int k)
    {
        var status = StandInTimeline.Status(Remote.BaseUrl, HomeId(k), StandInTimeline.Newest.AddMinutes(-k), Favourites(k), author: "carol");
        status["uri"] = PostUri(k);
        return status;
    }

    /// <summary>Stores the posts (with their favourites, from distinct accounts) and carol's consent.</summary>
    public async Task ImportAsync(IEnumerable<int> posts, Func<int, int>? favourites = null)
    {
        favourites ??= Favourites;
        var lines = new List<string>();
        foreach (var k in posts)
        {
            lines.Add(JsonSerializer.Serialize(new
            {
                type = "post", uri = PostUri(k), url = PostUri(k), author = Carol, text = $"post {k}", language = "nl",
                published = StandInTimeline.Newest.AddMinutes(-k).ToString("O"),
            }));
            lines.AddRange(Enumerable.Range(0, favourites(k)).Select(f => JsonSerializer.Serialize(new
            {
                type = "interaction", kind = "favourite", actor = $"https://fans.example/users/f{f}", post = PostUri(k),
                at = StandInTimeline.Newest.ToString("O"),
            })));
        }
        using var admin = Service.CreateAdminClient();
        var imported = await ImportTests.ImportAsync(admin, lines.ToArray());
        Assert.True(imported.StatusCode == HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        await Service.Services.GetRequiredService<IChangeWriter>()
            .ApplyAsync([new RecordAuthorConsent(Carol, Discoverable: true, Indexable: true)], null);
    }

    /// <summary>Search (by URI, resolving), statuses by id (several or one), the person's own lists
    /// and the instance's trends, in Mastodon's documented shapes.</summary>
    private void ServeHomeInstance()
    {
        Remote.Route("/api/v2/search", context => MastodonStandIn.Authorized(context, () =>
        {
            var uri = context.Request.Query["q"].ToString();
            if (Failing.ContainsKey(uri))
                return Unavailable(context);
            var status = Unfindable.ContainsKey(uri) ? null : AtHome.GetValueOrDefault(uri);
            return MastodonStandIn.Json(context, new
            {
                accounts = Array.Empty<object>(), hashtags = Array.Empty<object>(),
                statuses = status is null ? Array.Empty<object>() : new object[] { status },
            });
        }));
        Remote.Route("/api/v1/statuses", context => MastodonStandIn.Authorized(context, () =>
        {
            if (Interlocked.Decrement(ref FailingByIdRequests) >= 0)
                return Unavailable(context);
            var wanted = context.Request.Query["id[]"].ToHashSet();
            return MastodonStandIn.Json(context, AtHome.Values.Where(s => wanted.Contains((string)s["id"]!)).ToList());
        }));
        foreach (var status in AtHome.Values)
            Remote.Route($"/api/v1/statuses/{status["id"]}", context => MastodonStandIn.Authorized(context, () => MastodonStandIn.Json(context, status)));
        Remote.Route("/api/v1/lists", context => MastodonStandIn.Authorized(context, () =>
            MastodonStandIn.Json(context, new[] { new { id = "7", title = "Friends", replies_policy = "list", exclusive = false } })));
        Remote.Route("/api/v1/lists/7", context => MastodonStandIn.Authorized(context, () =>
            MastodonStandIn.Json(context, new { id = "7", title = "Friends", replies_policy = "list", exclusive = false })));
        Remote.Route("/api/v1/trends/statuses", context => MastodonStandIn.Json(context, new[] { StatusOf(0) }));
    }

    private static Task Unavailable(Microsoft.AspNetCore.Http.HttpContext context)
    {
        context.Response.StatusCode = 503;
        return MastodonStandIn.Json(context, new { error = "Service Unavailable" });
    }

    /// <summary>A signed-in app whose person chose <paramref name="preference"/>.</summary>
    public async Task<HttpClient> PersonAsync(object preference)
    {
        var app = ClientWithToken(await LoginAsync());
        var set = await app.PutAsJsonAsync("/api/v1/preferences/ranking", preference);
        Assert.True(set.StatusCode == HttpStatusCode.OK, await set.Content.ReadAsStringAsync());
        return app;
    }

    internal static async Task<List<JsonElement>> StatusesAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
    }
}
