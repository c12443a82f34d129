using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Middleware.Core.Feeds;
using Middleware.Core.Ingest;
using Middleware.Server.Tests.ClientApi;
using Middleware.Server.Tests.Infrastructure;
using Middleware.Server.Tests.Ranking;

namespace Middleware.Server.Tests.Feeds.Interactions;

/// <summary>The service with five stored posts (p1…p5 by ann, who consents to discovery), a public
/// feed <c>news</c> and a private one <c>hidden</c>, and alice at the stand-in home instance, who
/// follows ben. People are made by logging in through the client API, as an app does.</summary>
public abstract class InteractionFixture : ClientApiFixture
{
    public const string Ann = "https://a.example/users/ann";
    public const string Ben = "https://b.example/users/ben";
    public const string Interactions = "/api/v1/feeds/news/interactions";
    public const string Signals = "/api/v1/feeds/signals";

    /// <summary>alice's actor id, the person every token here belongs to.</summary>
    public string Alice => $"{Remote.BaseUrl}/users/alice";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Service.Services.GetRequiredService<IChangeWriter>().ApplyAsync([new RecordAuthorConsent(Ann, true, true)], null);
        using var admin = Service.CreateAdminClient();
        var posts = Enumerable.Range(1, 5).Select(i => OpenFeedFixture.PostLine($"p{i}", 10 - i, author: Ann)).ToArray();
        Assert.Equal(HttpStatusCode.OK, (await ImportTests.ImportAsync(admin, posts)).StatusCode);
        var feeds = Service.Services.GetRequiredService<IFeedStore>();
        foreach (var (name, isPublic) in new[] { ("news", true), ("hidden", false) })
        {
            Assert.True(await feeds.AddAsync(new Feed
            {
                Name = name, DisplayName = name, Description = name, Ranker = "chronological", ParametersJson = "{}", Public = isPublic,
                CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            }));
        }
        StandInFollowing.Serve(Home, [Ben]);
    }

    /// <summary>A client with alice's token; opted in to recording when asked (her follows then read).</summary>
    public async Task<HttpClient> PersonAsync(bool optedIn = true)
    {
        var client = ClientWithToken(await LoginAsync());
        if (optedIn)
        {
            await SetRecordingAsync(client, true);
            await Eventually.TrueAsync(async () => await ScalarAsync("SELECT COUNT(*) FROM account_follows") is 1L, "alice's follows");
        }
        return client;
    }

    public static async Task SetRecordingAsync(HttpClient person, bool on) =>
        Assert.Equal(HttpStatusCode.OK, (await person.PutAsJsonAsync("/api/v1/preferences/ranking", new { recordInteractions = on })).StatusCode);

    public static string Post(int i) => OpenFeedFixture.Uri($"p{i}");

    public static object Entry(string item, string @event, string? feedContext = null, string? reqId = null) =>
        new { item, @event, feedContext, reqId };

    public static Task<HttpResponseMessage> SendAsync(HttpClient client, params object[] entries) =>
        client.PostAsJsonAsync(Interactions, new { interactions = entries });

    public static Task<HttpResponseMessage> SendRawAsync(HttpClient client, string body, string path = Interactions) =>
        client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    public async Task<long> StoredSignalsAsync() => (long)(await ScalarAsync("SELECT COUNT(*) FROM person_signals"))!;
}
