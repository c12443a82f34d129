using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.Ranking;

public sealed class ImportTests : ServiceFixture
{
    private static readonly string Now = DateTimeOffset.UtcNow.AddHours(-1).ToString("O");

    internal static string PostLine(string id, string author = "https://a.example/users/ann", string text = "Hallo buurt") =>
        JsonSerializer.Serialize(new { type = "post", uri = $"https://a.example/notes/{id}", author, text, language = "nl", published = Now, hashtags = new[] { "#Buurt" } });

    internal static string InteractionLine(string kind, string actor, string postId) =>
        JsonSerializer.Serialize(new { type = "interaction", kind, actor, post = $"https://a.example/notes/{postId}", at = Now });

    internal static Task<HttpResponseMessage> ImportAsync(HttpClient admin, params string[] lines) =>
        admin.PostAsync("/api/admin/import", new StringContent(string.Join("\n", lines) + "\n", Encoding.UTF8, "application/x-ndjson"));

    [Fact]
    public async Task Posts_and_every_kind_of_interaction_are_imported()
    {
        var response = await ImportAsync(Admin,
            PostLine("1"),
            InteractionLine("favourite", "https://b.example/users/bo", "1"),
            InteractionLine("boost", "https://b.example/users/bo", "1"),
            InteractionLine("reply", "https://c.example/users/cy", "1"),
            "",
            InteractionLine("disagree", "https://d.example/users/di", "1"),
            InteractionLine("seen", "https://d.example/users/di", "1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, body.GetProperty("posts").GetProperty("added").GetInt32());
        Assert.Equal(4, body.GetProperty("interactions").GetProperty("added").GetInt32());
        Assert.Equal(1, body.GetProperty("impressions").GetInt32());
        var post = (await GetPostAsync("https://a.example/notes/1"))!.Value;
        Assert.Equal(1, post.GetProperty("boosts").GetInt32());
        Assert.Equal(1, post.GetProperty("favourites").GetInt32());
        Assert.Equal(1, post.GetProperty("replies").GetInt32());
        Assert.Equal("a.example", post.GetProperty("instance").GetString());
    }

    [Fact]
    public async Task Importing_the_same_records_twice_stores_them_once()
    {
        string[] lines = [PostLine("2"), InteractionLine("favourite", "https://b.example/users/bo", "2")];
        await ImportAsync(Admin, lines);

        var body = await (await ImportAsync(Admin, lines)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(1, body.GetProperty("posts").GetProperty("alreadyStored").GetInt32());
        Assert.Equal(1, body.GetProperty("interactions").GetProperty("alreadyStored").GetInt32());
        Assert.Equal(1, (await GetPostAsync("https://a.example/notes/2"))!.Value.GetProperty("favourites").GetInt32());
    }

    [Fact]
    public async Task Importing_the_same_seen_records_twice_establishes_the_impression_once()
    {
        string[] lines = [PostLine("5"), InteractionLine("seen", "https://b.example/users/bo", "5")];
        await ImportAsync(Admin, lines);

        var again = await (await ImportAsync(Admin, lines)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(0, again.GetProperty("impressions").GetInt32());
        Assert.Equal(1L, await ScalarAsync("SELECT times FROM impressions WHERE post_uri = 'https://a.example/notes/5'"));
    }

    [Fact]
    public async Task An_import_does_not_bring_back_what_a_deleted_account_did()
    {
        await ImportAsync(Admin, PostLine("3"));
        await Service.Services.GetRequiredService<Middleware.Core.Ingest.IChangeWriter>().ApplyAsync(
            [new Middleware.Core.Ingest.DeleteActor("https://b.example/users/gone"), new Middleware.Core.Ingest.DeleteActor("https://a.example/users/gone")], null);

        await ImportAsync(Admin, PostLine("4", author: "https://a.example/users/gone"),
            InteractionLine("favourite", "https://b.example/users/gone", "3"), InteractionLine("seen", "https://b.example/users/gone", "3"));

        Assert.Null(await GetPostAsync("https://a.example/notes/4"));
        Assert.Equal(0, (await GetPostAsync("https://a.example/notes/3"))!.Value.GetProperty("favourites").GetInt32());
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM impressions"));
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var db = await Service.OpenDatabaseAsync();
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    [Theory]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("""{"type":"vote"}""", "'type' must be")]
    [InlineData("""{"type":"post","uri":"https://a.example/notes/x","author":"https://a.example/users/ann","text":"t"}""", "'published' is required")]
    [InlineData("""{"type":"post","uri":"not a uri","author":"https://a.example/users/ann","text":"t","published":"2026-01-01T00:00:00Z"}""", "'uri' must be an absolute URI")]
    [InlineData("""{"type":"post","uri":"https://a.example/notes/x","author":"https://a.example/users/ann","text":"t","published":"yesterday"}""", "'published' must be an ISO 8601 time")]
    [InlineData("""{"type":"post","uri":"https://a.example/notes/x","author":"https://a.example/users/ann","text":"t","published":"2026-01-01T00:00:00Z","hashtags":"x"}""", "'hashtags' must be an array")]
    [InlineData("""{"type":"interaction","kind":"love","actor":"https://b.example/users/bo","post":"https://a.example/notes/1","at":"2026-01-01T00:00:00Z"}""", "'kind' must be one of")]
    [InlineData("""{"type":"interaction","kind":"favourite","actor":"https://b.example/users/bo","post":"https://a.example/notes/nowhere","at":"2026-01-01T00:00:00Z"}""", "neither stored nor in this import")]
    [InlineData("""{"type":"account","uri":"https://b.example/users/bo"}""", "'published' is required")]
    [InlineData("""{"type":"account","uri":"bo","published":"2026-01-01T00:00:00Z"}""", "'uri' must be an absolute URI")]
    [InlineData("""{"type":"account","uri":"https://b.example/users/bo","published":"2999-01-01T00:00:00Z"}""", "'published' must not be in the future")]
    [InlineData("""{"type":"account","uri":"https://b.example/users/bo","published":"2026-01-01T00:00:00Z","discoverable":"yes"}""", "'discoverable' must be true or false")]
    public async Task A_bad_line_is_reported_by_number_and_nothing_of_the_import_is_applied(string badLine, string expected)
    {
        await ImportAsync(Admin, PostLine("kept"));
        var before = await StatsAsync();

        var response = await ImportAsync(Admin, PostLine("new"), InteractionLine("favourite", "https://b.example/users/bo", "kept"), badLine);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("problems")[0];
        Assert.Equal(3, problem.GetProperty("line").GetInt32());
        Assert.Contains(expected, problem.GetProperty("error").GetString());
        Assert.Null(await GetPostAsync("https://a.example/notes/new"));
        Assert.Equal(0, (await GetPostAsync("https://a.example/notes/kept"))!.Value.GetProperty("favourites").GetInt32());
        Assert.Equal(before.GetProperty("posts").GetInt64(), (await StatsAsync()).GetProperty("posts").GetInt64());
    }

    [Fact]
    public async Task Account_records_say_when_accounts_were_created_and_the_coordination_guard_reads_them()
    {
        var created = DateTimeOffset.UtcNow.AddDays(-2);
        var account = JsonSerializer.Serialize(new { type = "account", uri = "https://b.example/users/bo", published = created });

        var first = await (await ImportAsync(Admin, account)).Content.ReadFromJsonAsync<JsonElement>();
        var again = await (await ImportAsync(Admin, PostLine("1"), InteractionLine("boost", "https://b.example/users/bo", "1"), account)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(1, first.GetProperty("accounts").GetInt32());
        Assert.Equal(1, again.GetProperty("accounts").GetInt32());
        var evidence = await Service.Services.GetRequiredService<Middleware.Core.Ranking.IAccountEvidenceSource>().ReadAsync(DateTimeOffset.UtcNow.AddDays(-1));
        // Stored to the millisecond; compared with the moment sent, not with a "now" a slow run has moved on from.
        Assert.Equal(created, Assert.Single(evidence.Created).Value, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task An_account_record_may_carry_its_author_s_consent_to_discovery()
    {
        var consenting = JsonSerializer.Serialize(new { type = "account", uri = "https://a.example/users/ann", published = "2026-01-01T00:00:00Z", discoverable = true, indexable = true });
        var silent = JsonSerializer.Serialize(new { type = "account", uri = "https://b.example/users/bo", published = "2026-01-01T00:00:00Z" });

        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(Admin, consenting, silent)).StatusCode);

        var consent = Service.Services.GetRequiredService<Middleware.Core.Feeds.IDiscoveryConsent>();
        Assert.Equal(["https://a.example/users/ann"], (await consent.ConsentingAsync(["https://a.example/users/ann", "https://b.example/users/bo"])).Order());
    }

    [Fact]
    public async Task Every_bad_line_is_listed_not_only_the_first()
    {
        var response = await ImportAsync(Admin, "{", PostLine("ok"), "{\"type\":1}");

        var problems = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("problems");
        Assert.Equal([1, 3], problems.EnumerateArray().Select(p => p.GetProperty("line").GetInt32()));
    }

    [Fact]
    public async Task Wrong_content_type_empty_body_and_missing_token_are_refused()
    {
        var json = await Admin.PostAsync("/api/admin/import", new StringContent(PostLine("x"), Encoding.UTF8, "application/xml"));
        var empty = await ImportAsync(Admin, "");
        var anonymous = await ImportAsync(Client, PostLine("x"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Null(await GetPostAsync("https://a.example/notes/x"));
    }
}

public sealed class ImportLimitTests : IAsyncLifetime
{
    private readonly MiddlewareFactory service = new();

    public Task InitializeAsync()
    {
        service.Settings["Middleware:MaxImportBytes"] = "1000";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await service.DisposeAsync();

    [Fact]
    public async Task An_import_over_the_size_limit_gets_413_and_stores_nothing()
    {
        using var admin = service.CreateAdminClient();
        var lines = Enumerable.Range(0, 20).Select(i => ImportTests.PostLine($"big{i}")).ToArray();

        var response = await ImportTests.ImportAsync(admin, lines);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var stats = await admin.GetFromJsonAsync<JsonElement>("/api/admin/stats");
        Assert.Equal(0, stats.GetProperty("posts").GetInt64());
    }
}
