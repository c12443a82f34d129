using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Middleware.Server.Tests.Infrastructure;
using Middleware.Synthetic;

namespace Middleware.Server.Tests.Ranking;

/// <summary><c>POST /api/admin/rank</c> with <c>asOf</c> (issue 12): ranking as of a past moment uses
/// only what was known then. Each ranker is asked twice for the same moment, before and after data
/// recorded later is imported (data that changes what the live rankers answer): the answers must be
/// the same, to the score.</summary>
public sealed class RankAsOfTests : ServiceFixture
{
    private static readonly DateTimeOffset Then = DateTimeOffset.UtcNow.AddDays(-1);

    private static readonly object[] Requests =
    [
        new { ranker = "chronological" },
        new { ranker = "engagement" },
        new { ranker = "bridging" },
        new { ranker = "recipe", parameters = new { recipe = new { blend = new object[] { new { ranker = "bridging", weight = 0.7 }, new { ranker = "engagement", weight = 0.3 } } } } },
        new { ranker = "script", parameters = new { script = "function score(p) { return p.favourites + p.coordinationScore; }" } },
    ];

    [Fact]
    public async Task Ranking_as_of_a_past_moment_gives_the_same_answer_whatever_was_recorded_later()
    {
        var data = SyntheticAudience.Generate(new SyntheticOptions { Seed = 3, Users = 900, Posts = 200, Now = Then });
        await ImportAsync(Write(data));
        var asOf = Then.AddMinutes(1).ToString("O");

        var before = new List<string>();
        foreach (var request in Requests)
            before.Add(Items(await RankAsync(Merge(request, asOf))));

        // Later: a new post, and every account of community B favouriting a partisan-A post, which makes
        // it the most favourited and a post both sides endorse. The live model is refitted on it.
        var turned = data.Posts.First(p => p.Label == PostLabel.PartisanA).Uri;
        var later = new StringBuilder();
        later.AppendLine(JsonSerializer.Serialize(new { type = "post", uri = "https://late.example/notes/1", author = "https://late.example/users/lu", text = "late", published = Then.AddHours(2) }));
        foreach (var (rater, i) in data.CommunityB.Select((r, i) => (r, i)))
            later.AppendLine(JsonSerializer.Serialize(new { type = "interaction", kind = "favourite", actor = rater, post = turned, at = Then.AddHours(3).AddSeconds(i) }));
        await ImportAsync(later.ToString());
        var refit = await (await Admin.PostAsync("/api/admin/rankers/bridging/refit", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(refit.GetProperty("succeeded").GetBoolean(), refit.ToString());

        for (var i = 0; i < Requests.Length; i++)
            Assert.Equal(before[i], Items(await RankAsync(Merge(Requests[i], asOf))));

        // The later data does change the live answers, so the equality above is not for want of a difference.
        var live = await RankAsync(Merge(Requests[0], null));
        Assert.Equal("https://late.example/notes/1", live.GetProperty("items")[0].GetProperty("post").GetString());
        Assert.Equal(turned, (await RankAsync(Merge(Requests[1], null))).GetProperty("items")[0].GetProperty("post").GetString());
        Assert.NotEqual(before[2], Items(await RankAsync(Merge(Requests[2], null))));
        var pastBridging = await RankAsync(Merge(Requests[2], asOf));
        Assert.True(pastBridging.GetProperty("model").GetProperty("succeeded").GetBoolean());
        Assert.DoesNotContain("late.example", pastBridging.ToString());
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2026-13-01T00:00:00Z")]
    [InlineData("")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("1969-12-31T23:59:59Z")]
    public async Task An_unparsable_asOf_is_a_400_naming_it(string asOf) =>
        await RefusedAsync(new { ranker = "chronological", asOf });

    [Fact]
    public async Task An_asOf_in_the_future_is_a_400_naming_it() =>
        await RefusedAsync(new { ranker = "chronological", asOf = DateTimeOffset.UtcNow.AddHours(1).ToString("O") });

    [Fact]
    public async Task A_stranger_cannot_rank_as_of_a_past_moment() =>
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await Client.PostAsJsonAsync("/api/admin/rank", new { ranker = "chronological", asOf = Then.ToString("O") })).StatusCode);

    private async Task RefusedAsync(object body)
    {
        var response = await Admin.PostAsJsonAsync("/api/admin/rank", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("asOf", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }

    private static string Write(SyntheticData data)
    {
        var text = new StringWriter();
        NdjsonExport.Write(data, text);
        return text.ToString();
    }

    private async Task ImportAsync(string ndjson) =>
        Assert.Equal(HttpStatusCode.OK, (await Admin.PostAsync("/api/admin/import", new StringContent(ndjson, Encoding.UTF8, "application/x-ndjson"))).StatusCode);

    private async Task<JsonElement> RankAsync(Dictionary<string, object?> body)
    {
        var response = await Admin.PostAsJsonAsync("/api/admin/rank", body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("fallback").ValueKind);
        return json;
    }

    private static Dictionary<string, object?> Merge(object request, string? asOf)
    {
        var body = JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(request))!;
        body["limit"] = 20;
        body["maxAgeHours"] = 24 * 30;
        if (asOf is not null)
            body["asOf"] = asOf;
        return body;
    }

    // The items with their scores and explanations: equal strings mean the same answer.
    private static string Items(JsonElement result) => result.GetProperty("items").ToString();
}
