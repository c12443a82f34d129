using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Middleware.Server.Tests.Infrastructure;
using Middleware.Synthetic;

namespace Middleware.Server.Tests.Ranking;

/// <summary>The whole path through the service: a synthetic audience imported over HTTP into
/// SQLite, the bridging model refitted from the store, and the ranking asked for over HTTP.</summary>
public sealed class BridgingEndToEndTests : ServiceFixture
{
    [Fact]
    public async Task Imported_audience_refit_from_the_store_ranks_bridging_posts_first_and_keeps_the_bot_target_out()
    {
        var data = SyntheticAudience.Generate(new SyntheticOptions { Seed = 3, Users = 900, Posts = 200, Now = DateTimeOffset.UtcNow });
        var ndjson = new StringWriter();
        NdjsonExport.Write(data, ndjson);
        var imported = await Admin.PostAsync("/api/admin/import", new StringContent(ndjson.ToString(), Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);

        var refit = await (await Admin.PostAsync("/api/admin/rankers/bridging/refit", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(refit.GetProperty("succeeded").GetBoolean(), refit.ToString());
        Assert.True(refit.GetProperty("coordinatedGroups").GetInt32() >= 1, refit.ToString());

        var response = await Admin.PostAsJsonAsync("/api/admin/rank", new { ranker = "bridging", limit = 10 });
        var ranked = await response.Content.ReadFromJsonAsync<JsonElement>();
        var top = ranked.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("post").GetString()!).ToList();

        Assert.Equal("bridging", ranked.GetProperty("ranker").GetString());
        var bridging = data.Labelled(PostLabel.Bridging);
        Assert.True(top.Count(bridging.Contains) >= 8, $"precision@10 = {top.Count(bridging.Contains) / 10.0}");
        Assert.DoesNotContain(data.BotTarget, top);
        Assert.Contains("side", ranked.GetProperty("items")[0].GetProperty("explanation").GetProperty("summary").GetString());

        var listed = (await Admin.GetFromJsonAsync<JsonElement>("/api/admin/rankers")).EnumerateArray().Single(r => r.GetProperty("id").GetString() == "bridging");
        Assert.True(listed.GetProperty("refittable").GetBoolean());
        Assert.True(listed.GetProperty("lastRefit").GetProperty("succeeded").GetBoolean());
    }

    [Fact]
    public async Task The_groups_found_are_stored_with_their_evidence_the_model_survives_a_restart_and_scripts_read_coordination_scores()
    {
        var data = SyntheticAudience.Generate(new SyntheticOptions { Seed = 3, Users = 900, Posts = 200, Now = DateTimeOffset.UtcNow });
        var ndjson = new StringWriter();
        NdjsonExport.Write(data, ndjson);
        Assert.Equal(HttpStatusCode.OK, (await Admin.PostAsync("/api/admin/import", new StringContent(ndjson.ToString(), Encoding.UTF8, "application/x-ndjson"))).StatusCode);
        Assert.True((await (await Admin.PostAsync("/api/admin/rankers/bridging/refit", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("succeeded").GetBoolean());

        var found = await Admin.GetFromJsonAsync<JsonElement>("/api/admin/coordination/groups");
        var members = found.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("members").EnumerateArray().Select(m => m.GetString()!)).ToHashSet();
        Assert.Superset(data.CoordinatedAccounts.ToHashSet(), members);
        var group = found.GetProperty("groups")[0];
        Assert.True(group.GetProperty("score").GetDouble() >= 9);
        Assert.NotEmpty(group.GetProperty("reasons").EnumerateArray());
        Assert.Contains(group.GetProperty("posts").EnumerateArray(), p => p.GetProperty("post").GetString() == data.BotTarget);

        // A script sees each post's coordination score: the bot target's is the highest.
        var script = await Admin.PostAsJsonAsync("/api/admin/rank", new { ranker = "script", parameters = new { script = "function score(p) { return p.coordinationScore; }" }, limit = 1 });
        Assert.Equal(data.BotTarget, (await script.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items")[0].GetProperty("post").GetString());

        var before = await TopAsync(Admin);
        // A restart: the first process ends (and lets go of the data directory's lock) first.
        await using var restarted = Service.Restarted();
        await Service.DisposeAsync();
        using var admin = restarted.CreateAdminClient();
        // The stored model is loaded at start-up; the first refit would only come after the start-up delay.
        await Eventually.TrueAsync(async () => (await RankAsync(admin)).GetProperty("notice").ValueKind == JsonValueKind.Null, "the stored model to be loaded");
        Assert.Equal(before, await TopAsync(admin));
    }

    private static async Task<JsonElement> RankAsync(HttpClient admin) =>
        await (await admin.PostAsJsonAsync("/api/admin/rank", new { ranker = "bridging", limit = 10 })).Content.ReadFromJsonAsync<JsonElement>();

    private static async Task<List<string>> TopAsync(HttpClient admin) =>
        (await RankAsync(admin)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("post").GetString()!).ToList();

    [Theory]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2026-13-01", "to")]
    [InlineData("from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z", "to")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    public async Task A_bad_time_range_or_limit_for_the_groups_is_refused_naming_the_field(string query, string field)
    {
        var response = await Admin.GetAsync($"/api/admin/coordination/groups?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.GetAsync("/api/admin/coordination/groups")).StatusCode);
    }

    [Fact]
    public async Task Refit_of_a_ranker_without_a_model_or_of_an_unknown_one_is_refused()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.PostAsync("/api/admin/rankers/chronological/refit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.PostAsync("/api/admin/rankers/nope/refit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.PostAsync("/api/admin/rankers/bridging/refit", null)).StatusCode);
    }
}
