using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.Feeds;

public sealed class FeedAdminTests : ServiceFixture
{
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string json) =>
        await Admin.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    private const string Buurt = """
        {"name":"buurt","displayName":"Buurt","description":"Wat de buurt bezighoudt.","sources":"all",
         "filters":{"languages":["nl"],"noReplies":true},"ranker":"engagement","parameters":{"halfLifeHours":12},
         "boostIntervalSeconds":300,"maxBoostsPerHour":6}
        """;

    [Fact]
    public async Task A_feed_is_created_as_version_1_with_a_followable_account_that_says_how_it_ranks()
    {
        var response = await SendAsync(HttpMethod.Post, "/api/admin/feeds", Buurt);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var feed = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, feed.GetProperty("version").GetInt32());
        Assert.Equal("all", feed.GetProperty("sources").GetString());
        Assert.Equal("@buurt@localhost", feed.GetProperty("account").GetProperty("handle").GetString());

        var finger = await Client.GetFromJsonAsync<JsonElement>("/.well-known/webfinger?resource=acct:buurt@localhost");
        Assert.Contains(finger.GetProperty("links").EnumerateArray(), l => l.GetProperty("href").GetString() == "http://localhost/users/buurt");
        var actor = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/users/buurt") { Headers = { { "Accept", "application/activity+json" } } });
        var document = await actor.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Service", document.GetProperty("type").GetString());
        Assert.Contains("boosts, favourites and replies", document.GetProperty("summary").GetString());
        Assert.Contains("Wat de buurt bezighoudt.", document.GetProperty("summary").GetString());
    }

    [Fact]
    public async Task A_change_is_a_new_version_and_the_old_one_stays_readable()
    {
        await SendAsync(HttpMethod.Post, "/api/admin/feeds", Buurt);

        var response = await SendAsync(HttpMethod.Put, "/api/admin/feeds/buurt", """{"ranker":"chronological","displayName":"Buurt (nieuw)"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        var first = await Admin.GetFromJsonAsync<JsonElement>("/api/admin/feeds/buurt/versions/1");
        Assert.Equal("engagement", first.GetProperty("ranker").GetString());
        Assert.Equal(12, first.GetProperty("parameters").GetProperty("halfLifeHours").GetInt32());
        var listed = Assert.Single((await Admin.GetFromJsonAsync<JsonElement>("/api/admin/feeds")).EnumerateArray());
        Assert.Equal("chronological", listed.GetProperty("ranker").GetString());
    }

    [Theory]
    [InlineData("""{"name":"Buurt!","ranker":"chronological"}""", "name")]
    [InlineData("""{"name":"signals","ranker":"chronological"}""", "name")]
    [InlineData("""{"name":"x"}""", "ranker")]
    [InlineData("""{"name":"x","ranker":"nope"}""", "ranker")]
    [InlineData("""{"name":"x","ranker":"engagement","parameters":{"halfLifeHours":"long"}}""", "parameters.halfLifeHours")]
    [InlineData("""{"name":"x","ranker":"recipe","parameters":{"recipe":{"weights":{"likes":1}}}}""", "parameters.recipe.weights.likes")]
    [InlineData("""{"name":"x","ranker":"script","parameters":{"script":"function score( {"}}""", "parameters.script")]
    [InlineData("""{"name":"x","ranker":"chronological","filters":{"maxAgeHours":-1}}""", "filters.maxAgeHours")]
    [InlineData("""{"name":"x","ranker":"chronological","sources":[999]}""", "sources")]
    [InlineData("""{"name":"x","ranker":"chronological","sources":"some"}""", "sources")]
    [InlineData("""{"name":"x","ranker":"chronological","boostIntervalSeconds":5}""", "boostIntervalSeconds")]
    [InlineData("""{"name":"x","ranker":"chronological","maxBoostsPerHour":1000}""", "maxBoostsPerHour")]
    [InlineData("""{"name":"x","ranker":"chronological","homeCandidates":51}""", "homeCandidates")]
    [InlineData("""{"name":"x","ranker":"chronological","homeCandidates":"5"}""", "homeCandidates")]
    [InlineData("""{"name":"x","ranker":"chronological","public":"yes"}""", "public")]
    [InlineData("""{"name":"x","ranker":"chronological","colour":"red"}""", "colour")]
    [InlineData("""[1]""", "body")]
    public async Task An_invalid_definition_names_the_field_and_stores_nothing(string json, string field)
    {
        var response = await SendAsync(HttpMethod.Post, "/api/admin/feeds", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        Assert.Empty((await Admin.GetFromJsonAsync<JsonElement>("/api/admin/feeds")).EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/users/x")).StatusCode);
    }

    [Fact]
    public async Task Putting_the_same_definition_again_is_no_change_and_makes_no_new_version()
    {
        await SendAsync(HttpMethod.Post, "/api/admin/feeds", Buurt);

        var response = await SendAsync(HttpMethod.Put, "/api/admin/feeds/buurt", Buurt);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync("/api/admin/feeds/buurt/versions/2")).StatusCode);
    }

    [Fact]
    public async Task An_invalid_change_keeps_the_current_version()
    {
        await SendAsync(HttpMethod.Post, "/api/admin/feeds", Buurt);

        var response = await SendAsync(HttpMethod.Put, "/api/admin/feeds/buurt", """{"ranker":"engagement","parameters":{"boostWeight":-3}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var current = await Admin.GetFromJsonAsync<JsonElement>("/api/admin/feeds/buurt");
        Assert.Equal(1, current.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Duplicates_unknown_feeds_and_other_accounts_names_are_refused()
    {
        await SendAsync(HttpMethod.Post, "/api/admin/feeds", Buurt);
        await Admin.PostAsJsonAsync("/api/admin/actors", new { username = "taken" });

        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(HttpMethod.Post, "/api/admin/feeds", Buurt)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Put, "/api/admin/feeds/nope", """{"ranker":"chronological"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.DeleteAsync("/api/admin/feeds/nope")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync("/api/admin/feeds/nope")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(HttpMethod.Put, "/api/admin/feeds/buurt", """{"name":"other","ranker":"chronological"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.GetAsync("/api/admin/feeds")).StatusCode);
    }

    [Fact]
    public async Task A_deleted_feed_is_gone_and_its_account_says_it_was_retired()
    {
        await SendAsync(HttpMethod.Post, "/api/admin/feeds", Buurt);

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync("/api/admin/feeds/buurt")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync("/api/admin/feeds/buurt")).StatusCode);
        var actor = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/users/buurt") { Headers = { { "Accept", "application/activity+json" } } });
        Assert.Contains("retired", (await actor.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("summary").GetString());
    }
}
