using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Middleware.Server.Tests.Infrastructure;
using Middleware.Synthetic;

namespace Middleware.Server.Tests.Import;

/// <summary><c>GET /api/admin/export</c> writes what <c>POST /api/admin/import</c> reads: exported,
/// imported into a fresh instance and exported again, the records are the same, and so are the rankings.</summary>
public sealed class ExportTests : ServiceFixture
{
    private static readonly DateTimeOffset Then = DateTimeOffset.UtcNow.AddHours(-3);

    // Every optional field and every kind the import accepts, beside the synthetic audience.
    private static readonly string[] Extra =
    [
        Line(new { type = "account", uri = "https://e.example/users/eva", published = Then.AddDays(-30), discoverable = true, indexable = false }),
        Line(new { type = "account", uri = "https://e.example/users/olaf", published = Then.AddDays(-3), discoverable = false }),
        Line(new { type = "post", uri = "https://e.example/notes/1", author = "https://e.example/users/eva", text = "Hallo <b>\"buurt\"</b> \u2603", language = "nl",
            published = Then, url = "https://e.example/@eva/1", contentWarning = "cw", sensitive = true, mediaCount = 2, hashtags = new[] { "#Buurt", "fiets" } }),
        Line(new { type = "post", uri = "https://e.example/notes/2", author = "https://e.example/users/olaf", text = "antwoord", published = Then.AddMinutes(5), inReplyTo = "https://e.example/notes/1" }),
        Line(new { type = "interaction", kind = "reply", actor = "https://e.example/users/olaf", post = "https://e.example/notes/1", at = Then.AddMinutes(5) }),
        Line(new { type = "interaction", kind = "disagree", actor = "https://f.example/users/fo", post = "https://e.example/notes/1", at = Then.AddMinutes(6) }),
        Line(new { type = "interaction", kind = "seen", actor = "https://f.example/users/fo", post = "https://e.example/notes/1", at = Then.AddMinutes(1) }),
        Line(new { type = "interaction", kind = "seen", actor = "https://f.example/users/fo", post = "https://e.example/notes/1", at = Then.AddMinutes(9) }),
    ];

    [Fact]
    public async Task An_export_imported_into_a_fresh_instance_exports_the_same_records_and_ranks_the_same()
    {
        var data = SyntheticAudience.Generate(new SyntheticOptions { Seed = 5, Users = 400, Posts = 80, Now = Then });
        var synthetic = new StringWriter();
        NdjsonExport.Write(data, synthetic);
        await ImportAsync(Admin, synthetic + string.Join("\n", Extra) + "\n");

        var first = await ExportAsync(Admin, "");
        var kinds = first.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            .Select(r => r.GetProperty("type").GetString() + (r.TryGetProperty("kind", out var k) ? ":" + k.GetString() : "")).ToHashSet();
        Assert.Superset(new HashSet<string> { "account", "post", "interaction:favourite", "interaction:boost", "interaction:reply", "interaction:disagree", "interaction:seen" }, kinds);
        Assert.Contains("\"discoverable\":true,\"indexable\":false", first);
        Assert.Contains("\"hashtags\":[\"buurt\",\"fiets\"]", first);
        Assert.Contains("\"contentWarning\":\"cw\",\"sensitive\":true,\"mediaCount\":2", first);
        Assert.Equal(data.Posts.Count + 2, first.Split('\n').Count(l => l.Contains("\"type\":\"post\"")));

        await using var fresh = new MiddlewareFactory();
        using var freshAdmin = fresh.CreateAdminClient();
        await ImportAsync(freshAdmin, first);
        Assert.Equal(first, await ExportAsync(freshAdmin, ""));

        foreach (var ranker in new[] { "chronological", "engagement", "bridging" })
        {
            if (ranker == "bridging")
                foreach (var admin in new[] { Admin, freshAdmin })
                    Assert.True((await (await admin.PostAsync("/api/admin/rankers/bridging/refit", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("succeeded").GetBoolean());
            Assert.Equal(await TopAsync(Admin, ranker), await TopAsync(freshAdmin, ranker));
        }
    }

    [Fact]
    public async Task From_and_to_choose_the_posts_by_publication_and_their_interactions_before_to()
    {
        await ImportAsync(Admin, string.Join("\n", Extra) + "\n");

        var later = await ExportAsync(Admin, $"?from={Uri.EscapeDataString(Then.AddMinutes(1).ToString("O"))}");
        Assert.DoesNotContain("\"uri\":\"https://e.example/notes/1\"", later);
        Assert.Contains("\"uri\":\"https://e.example/notes/2\"", later);
        Assert.DoesNotContain("\"type\":\"interaction\"", later);

        var earlier = await ExportAsync(Admin, $"?to={Uri.EscapeDataString(Then.AddMinutes(5).ToString("O"))}");
        Assert.Contains("\"uri\":\"https://e.example/notes/1\"", earlier);
        Assert.DoesNotContain("notes/2\"", earlier.Replace("\"inReplyTo\":\"https://e.example/notes/2\"", ""));
        // Only the first serving (minute 1) was recorded before minute 5; the reply at minute 5 is not before it.
        Assert.Single(earlier.Split('\n'), l => l.Contains("\"type\":\"interaction\""));
    }

    [Theory]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2026-13-01", "to")]
    [InlineData("from=0001-01-01T00:00:00Z", "from")]
    [InlineData("to=9999-12-31T23:59:59Z", "to")]
    [InlineData("from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z", "to")]
    public async Task A_bad_range_is_a_400_naming_the_parameter(string query, string field)
    {
        var response = await Admin.GetAsync($"/api/admin/export?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_stranger_cannot_export() =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.GetAsync("/api/admin/export")).StatusCode);

    private static string Line(object record) => JsonSerializer.Serialize(record);

    private static async Task ImportAsync(HttpClient admin, string ndjson)
    {
        var response = await admin.PostAsync("/api/admin/import", new StringContent(ndjson, Encoding.UTF8, "application/x-ndjson"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static async Task<string> ExportAsync(HttpClient admin, string query)
    {
        var response = await admin.GetAsync("/api/admin/export" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<string> TopAsync(HttpClient admin, string ranker)
    {
        var response = await admin.PostAsJsonAsync("/api/admin/rank", new { ranker, limit = 30, maxAgeHours = 24 * 30 });
        // The order, not the scores: scores measure age from the moment of each request.
        var items = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray();
        return string.Join(" ", items.Select(i => i.GetProperty("post").GetString()));
    }
}
