using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Middleware.Server.Tests.ClientApi.FeedSurfaces;

/// <summary>Choosing the feeds read as lists and the trends feed: refusals name the field and change nothing.</summary>
public sealed class FeedSurfacePreferenceTests : FeedSurfaceFixture
{
    [Theory]
    [InlineData("{\"lists\":[\"nope\"]}", "lists")]
    [InlineData("{\"lists\":[\"staff\"]}", "lists")]
    [InlineData("{\"lists\":[\"buurt\",\"buurt\"]}", "lists")]
    [InlineData("{\"lists\":\"buurt\"}", "lists")]
    [InlineData("{\"lists\":[1]}", "lists")]
    [InlineData("{\"lists\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\",\"k\"]}", "lists")]
    [InlineData("{\"trends\":\"nope\"}", "trends")]
    [InlineData("{\"trends\":\"staff\"}", "trends")]
    [InlineData("{\"trends\":[\"buurt\"]}", "trends")]
    [InlineData("{\"lists\":[\"buurt\"],\"feed\":\"nope\"}", "feed")]
    public async Task A_bad_list_or_trends_choice_is_422_naming_the_field_and_changes_nothing(string body, string field)
    {
        using (var admin = Service.CreateAdminClient())
            await admin.PostAsJsonAsync("/api/admin/feeds", new { name = "staff", displayName = "Staff", sources = "all", ranker = "chronological", @public = false });
        using var app = await PersonAsync(new { lists = new[] { Feed }, trends = Feed, recordInteractions = true });
        var before = (await app.GetFromJsonAsync<JsonElement>("/api/v1/preferences/ranking")).GetRawText();

        var refused = await app.PutAsync("/api/v1/preferences/ranking", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(field, (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        Assert.Equal(before, (await app.GetFromJsonAsync<JsonElement>("/api/v1/preferences/ranking")).GetRawText());
    }

    [Fact]
    public async Task Lists_and_trends_survive_choosing_a_feed_or_a_ranker_and_can_be_cleared()
    {
        using var app = await PersonAsync(new { lists = new[] { Feed }, trends = Feed });

        await app.PutAsJsonAsync("/api/v1/preferences/ranking", new { feed = Feed });
        var afterFeed = await (await app.PutAsJsonAsync("/api/v1/preferences/ranking", new { ranker = "engagement" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([Feed], afterFeed.GetProperty("lists").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(Feed, afterFeed.GetProperty("trends").GetString());

        var cleared = await (await app.PutAsJsonAsync("/api/v1/preferences/ranking", new { lists = Array.Empty<string>(), trends = (string?)null }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Empty(cleared.GetProperty("lists").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("trends").ValueKind);
        Assert.Equal("engagement", cleared.GetProperty("ranker").GetString());
    }

    [Fact]
    public async Task A_form_body_chooses_lists_and_trends_as_Rails_arrays()
    {
        using var app = await PersonAsync(new { });

        var set = await app.PutAsync("/api/v1/preferences/ranking", new FormUrlEncodedContent(
            [new("lists[]", Feed), new("trends", Feed)]));

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var preference = await app.GetFromJsonAsync<JsonElement>("/api/v1/preferences/ranking");
        Assert.Equal([Feed], preference.GetProperty("lists").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(Feed, preference.GetProperty("trends").GetString());
    }
}
