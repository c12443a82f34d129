using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Middleware.Core.Ranking;
using Middleware.Core.Signals;

namespace Middleware.Server.Tests.Feeds.Interactions;

/// <summary><c>GET</c>/<c>DELETE /api/v1/feeds/signals</c>: a person sees and deletes everything the
/// service recorded about them, opted in or not.</summary>
public sealed class PersonSignalsTests : InteractionFixture
{
    private const string Other = "https://other.example/users/olga";

    /// <summary>alice opted in, read a page of the feed with her token (impressions), sent interactions,
    /// said "show less" of p5, and her follows were read; olga (someone else) gave a signal too.</summary>
    private async Task<HttpClient> AliceWithEverythingAsync()
    {
        var alice = await PersonAsync();
        await alice.GetFromJsonAsync<JsonElement>("/api/v1/feeds/news/skeleton?limit=2");
        var page = await alice.GetFromJsonAsync<JsonElement>("/api/v1/feeds/news/skeleton?limit=1");
        var context = page.GetProperty("feed")[0].GetProperty("feedContext").GetString();
        await JsonAsync(await SendAsync(alice, Entry(Post(5), "requestMore", context, page.GetProperty("reqId").GetString()), Entry(Post(4), "seen")),
            HttpStatusCode.OK);
        var now = DateTimeOffset.UtcNow;
        await Service.Services.GetRequiredService<ISignalRecorder>().RecordDisagreementAsync(Alice, Post(3), now);
        await Service.Services.GetRequiredService<IPersonSignalStore>().RecordAsync([new PersonSignal(Other, Post(1), SignalEvent.Like, "news", now)]);
        return alice;
    }

    private async Task<List<string>> RatersAsync()
    {
        var raters = new List<string>();
        await foreach (var signal in Service.Services.GetRequiredService<IRatingSource>().ReadAsync(DateTimeOffset.UnixEpoch))
            raters.Add(signal.Rater);
        return raters;
    }

    [Fact]
    public async Task A_person_sees_every_kind_of_record_with_its_times_and_no_one_elses()
    {
        using var alice = await AliceWithEverythingAsync();

        var data = await JsonAsync(await alice.GetAsync(Signals), HttpStatusCode.OK);

        Assert.Equal(Alice, data.GetProperty("person").GetString());
        Assert.True(data.GetProperty("recordInteractions").GetBoolean());
        var signals = data.GetProperty("signals").EnumerateArray().ToList();
        Assert.Equal(["requestMore", "seen"], signals.Select(s => s.GetProperty("kind").GetString()!).Order());
        var more = signals.Single(s => s.GetProperty("kind").GetString() == "requestMore");
        Assert.Equal((Post(5), "news"), (more.GetProperty("post").GetString(), more.GetProperty("feed").GetString()));
        Assert.Equal(0, more.GetProperty("servedAt").GetProperty("position").GetInt32());
        Assert.True(more.GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        var impressions = data.GetProperty("impressions").EnumerateArray().ToList();
        Assert.Equal([Post(4), Post(5)], impressions.Select(i => i.GetProperty("post").GetString()!).Order());
        Assert.Equal(2, impressions.Single(i => i.GetProperty("post").GetString() == Post(5)).GetProperty("times").GetInt32());
        Assert.All(impressions, i => Assert.Equal("impression", i.GetProperty("kind").GetString()));
        Assert.Equal(Post(3), Assert.Single(data.GetProperty("showLess").EnumerateArray()).GetProperty("post").GetString());
        var follows = data.GetProperty("follows");
        Assert.Equal(Ben, Assert.Single(follows.GetProperty("accounts").EnumerateArray()).GetProperty("account").GetString());
        Assert.Equal(JsonValueKind.String, follows.GetProperty("readAt").ValueKind);
        Assert.DoesNotContain(Other, data.GetRawText());
        Assert.Contains("favourites, boosts and replies", data.GetProperty("notListed").GetString());
    }

    [Fact]
    public async Task Delete_removes_all_of_it_answers_what_went_and_the_model_no_longer_reads_it()
    {
        using var alice = await AliceWithEverythingAsync();
        Assert.Contains(Alice, await RatersAsync());

        var answer = await JsonAsync(await alice.DeleteAsync(Signals), HttpStatusCode.OK);

        var deleted = answer.GetProperty("deleted");
        Assert.Equal((2, 2, 1, 1), (deleted.GetProperty("signals").GetInt32(), deleted.GetProperty("impressions").GetInt32(),
            deleted.GetProperty("showLess").GetInt32(), deleted.GetProperty("follows").GetInt32()));
        Assert.Contains("next refit", answer.GetProperty("takesEffect").GetString());
        Assert.Contains("still on", answer.GetProperty("notice").GetString());
        var after = await JsonAsync(await alice.GetAsync(Signals), HttpStatusCode.OK);
        foreach (var kind in new[] { "signals", "impressions", "showLess" })
            Assert.Equal(0, after.GetProperty(kind).GetArrayLength());
        Assert.Equal(0, after.GetProperty("follows").GetProperty("accounts").GetArrayLength());
        Assert.Equal([Other], await RatersAsync());
        Assert.Equal(0L, await ScalarAsync($"SELECT COUNT(*) FROM account_follow_syncs WHERE follower_uri = '{Alice}'"));
    }

    [Fact]
    public async Task Someone_who_opted_out_can_still_see_and_delete_what_was_kept()
    {
        using var alice = await AliceWithEverythingAsync();
        await SetRecordingAsync(alice, false);

        var data = await JsonAsync(await alice.GetAsync(Signals), HttpStatusCode.OK);
        Assert.False(data.GetProperty("recordInteractions").GetBoolean());
        Assert.Equal(2, data.GetProperty("signals").GetArrayLength());

        var answer = await JsonAsync(await alice.DeleteAsync(Signals), HttpStatusCode.OK);
        Assert.Equal(2, answer.GetProperty("deleted").GetProperty("signals").GetInt32());
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("notice").ValueKind);
        Assert.Equal(1L, await StoredSignalsAsync()); // olga's
    }

    [Fact]
    public async Task Without_a_valid_token_both_are_401_and_nothing_is_deleted()
    {
        (await AliceWithEverythingAsync()).Dispose();
        using var invalid = ClientWithToken("not-a-token");

        foreach (var client in new[] { Client, invalid })
        {
            Assert.Equal("The access token is invalid", (await JsonAsync(await client.GetAsync(Signals), HttpStatusCode.Unauthorized)).GetProperty("error").GetString());
            await JsonAsync(await client.DeleteAsync(Signals), HttpStatusCode.Unauthorized);
        }
        Assert.Equal(3L, await StoredSignalsAsync());
    }
}
