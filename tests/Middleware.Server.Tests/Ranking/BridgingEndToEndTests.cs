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
        Assert.True(refit.GetProperty("lockstepClusters").GetInt32() >= 1, refit.ToString());

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
    public async Task Refit_of_a_ranker_without_a_model_or_of_an_unknown_one_is_refused()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.PostAsync("/api/admin/rankers/chronological/refit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.PostAsync("/api/admin/rankers/nope/refit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.PostAsync("/api/admin/rankers/bridging/refit", null)).StatusCode);
    }
}
