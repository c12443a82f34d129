using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.Ranking;

public sealed class RankEndpointTests : ServiceFixture
{
    private static string Post(string id, double hoursAgo) => JsonSerializer.Serialize(new
    {
        type = "post", uri = $"https://a.example/notes/{id}", author = "https://a.example/users/ann",
        text = $"post {id}", published = DateTimeOffset.UtcNow.AddHours(-hoursAgo).ToString("O"),
    });

    private static string Like(string actor, string id) => JsonSerializer.Serialize(new
    {
        type = "interaction", kind = "favourite", actor = $"https://b.example/users/{actor}",
        post = $"https://a.example/notes/{id}", at = DateTimeOffset.UtcNow.ToString("O"),
    });

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var imported = await ImportTests.ImportAsync(Admin,
            Post("old-popular", 5), Post("new", 1), Post("middle", 3), Post("ancient", 24 * 10),
            Like("x", "old-popular"), Like("y", "old-popular"), Like("z", "old-popular"));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
    }

    private async Task<JsonElement> RankAsync(object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await Admin.PostAsJsonAsync("/api/admin/rank", body);
        Assert.Equal(expected, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string[] Posts(JsonElement result) =>
        result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("post").GetString()!.Split('/')[^1]).ToArray();

    [Fact]
    public async Task Chronological_ranks_stored_posts_inside_the_window_newest_first()
    {
        var result = await RankAsync(new { ranker = "chronological", limit = 10 });

        Assert.Equal(["new", "middle", "old-popular"], Posts(result));
        Assert.Equal(3, result.GetProperty("candidates").GetInt32());
        var explanation = result.GetProperty("items")[0].GetProperty("explanation");
        Assert.Equal("chronological", explanation.GetProperty("ranker").GetString());
        Assert.StartsWith("Published", explanation.GetProperty("summary").GetString());
    }

    [Fact]
    public async Task Engagement_uses_the_stored_favourites_and_its_parameters()
    {
        var result = await RankAsync(new { ranker = "engagement", parameters = new { halfLifeHours = 100 }, limit = 2 });

        Assert.Equal(["old-popular", "new"], Posts(result));
        Assert.Equal(JsonValueKind.Null, result.GetProperty("fallback").ValueKind);
    }

    [Fact]
    public async Task The_window_can_be_widened_per_request()
    {
        var result = await RankAsync(new { ranker = "chronological", maxAgeHours = 24 * 30 });

        Assert.Contains("ancient", Posts(result));
    }

    /// <summary>Feeds whose ranker went away fall back to chronological; a request naming a ranker that
    /// does not exist is a mistake, refused as every other bad field is (issue 11).</summary>
    [Fact]
    public async Task An_unknown_ranker_is_a_400_naming_the_field()
    {
        var refused = await Admin.PostAsJsonAsync("/api/admin/rank", new { ranker = "nonexistent" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var body = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ranker", body.GetProperty("field").GetString());
        Assert.Contains("no ranker 'nonexistent'", body.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("""{"limit":5}""", "ranker")]
    [InlineData("""{"ranker":"chronological","limit":0}""", "limit")]
    [InlineData("""{"ranker":"chronological","limit":501}""", "limit")]
    [InlineData("""{"ranker":"chronological","maxAgeHours":-1}""", "maxAgeHours")]
    [InlineData("""{"ranker":"chronological","parameters":[1]}""", "parameters")]
    [InlineData("""{"ranker":"engagement","parameters":{"halfLifeHours":"six"}}""", "parameters.halfLifeHours")]
    [InlineData("""{"ranker":"engagement","parameters":{"boostWeight":-1}}""", "parameters.boostWeight")]
    public async Task Bad_requests_name_the_field_at_fault(string body, string field)
    {
        var response = await Admin.PostAsync("/api/admin/rank", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task The_rankers_are_listed_with_metadata_and_state()
    {
        var rankers = await Admin.GetFromJsonAsync<JsonElement>("/api/admin/rankers");

        var chronological = rankers.EnumerateArray().Single(r => r.GetProperty("id").GetString() == "chronological");
        Assert.Equal("built-in", chronological.GetProperty("origin").GetString());
        Assert.Equal("loaded", chronological.GetProperty("state").GetString());
        Assert.False(chronological.GetProperty("usesProfiling").GetBoolean());
        Assert.False(string.IsNullOrEmpty(chronological.GetProperty("mainParameters").GetString()));
        var engagement = rankers.EnumerateArray().Single(r => r.GetProperty("id").GetString() == "engagement");
        Assert.Contains(engagement.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "halfLifeHours" && p.GetProperty("type").GetString() == "number");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.GetAsync("/api/admin/rankers")).StatusCode);
    }
}

public sealed class EmptyStoreRankTests : ServiceFixture
{
    [Fact]
    public async Task Ranking_an_empty_store_answers_with_no_items()
    {
        var response = await Admin.PostAsJsonAsync("/api/admin/rank", new { ranker = "engagement" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, body.GetProperty("candidates").GetInt32());
        Assert.Empty(body.GetProperty("items").EnumerateArray());
    }
}
