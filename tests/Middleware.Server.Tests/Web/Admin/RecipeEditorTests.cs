using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Middleware.Core.Feeds;
using Middleware.Core.Ingest;
using Middleware.Core.Posts;
using Middleware.Server.Tests.Infrastructure;
using static Middleware.Server.Tests.Web.Admin.AdminSteps;

namespace Middleware.Server.Tests.Web.Admin;

/// <summary>The admin recipe editor: preview ranks an unsaved definition beside the saved one and
/// stores nothing; invalid text is refused in the same words as <c>PUT /api/admin/feeds/{name}</c>;
/// save makes a new version.</summary>
public sealed class RecipeEditorTests : ServiceFixture
{
    private const string Author = "https://a.example/users/ann";
    private const string Editor = "/admin/feeds/news";
    private HttpClient browser = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var now = DateTimeOffset.UtcNow;
        await Service.Services.GetRequiredService<IChangeWriter>().ApplyAsync(
        [
            new RecordAuthorConsent(Author, true, true),
            Post("kept", "A post about <script>alert('kept')</script> bridges", "keep", now.AddMinutes(-1)),
            Post("other", "Another post entirely", "other", now.AddMinutes(-2)),
        ], null);
        var created = await Admin.PostAsJsonAsync("/api/admin/feeds", new { name = "news", ranker = "chronological" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        browser = await SignedInAsync(Service);
    }

    private static UpsertPost Post(string id, string text, string hashtag, DateTimeOffset published) => new(new Post
    {
        Uri = $"https://a.example/notes/{id}", Url = $"https://a.example/@ann/{id}", AuthorUri = Author, Instance = "a.example",
        ContentText = text, Published = published, Visibility = Visibility.Public, Hashtags = [hashtag],
    });

    private Task<HttpResponseMessage> SubmitAsync(string action, string definition) =>
        PostFormAsync(browser, Editor, Editor, ("action", action), ("definition", definition));

    private async Task<JsonElement> SavedAsync() => await Admin.GetFromJsonAsync<JsonElement>("/api/admin/feeds/news");

    [Fact]
    public async Task The_editor_shows_the_saved_definition_and_its_ranking_with_post_text_as_text()
    {
        var page = await browser.GetAsync(Editor);
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<textarea id=\"definition\" name=\"definition\"", html);
        Assert.Contains("\"ranker\": \"chronological\"", WebUtility.HtmlDecode(html));
        Assert.Contains("Saved version 1", html);
        Assert.Contains("&lt;script&gt;alert(", html);
        Assert.DoesNotContain("<script>alert(", html);
    }

    [Fact]
    public async Task Preview_ranks_the_unsaved_definition_beside_the_saved_one_and_stores_nothing()
    {
        var before = await SavedAsync();
        const string draft = """{"name":"news","ranker":"chronological","filters":{"hashtags":["keep"]}}""";

        var answer = await SubmitAsync("preview", draft);
        var html = await answer.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var draftPart = html[html.IndexOf("id=\"draft-heading\"", StringComparison.Ordinal)..html.IndexOf("id=\"saved-heading\"", StringComparison.Ordinal)];
        var savedPart = html[html.IndexOf("id=\"saved-heading\"", StringComparison.Ordinal)..];
        Assert.Contains("A post about", draftPart);
        Assert.DoesNotContain("Another post entirely", draftPart);
        Assert.Contains("A post about", savedPart);
        Assert.Contains("Another post entirely", savedPart);
        Assert.Contains("<strong>Why:</strong> Published", draftPart);
        Assert.Contains("newer posts come first", draftPart);
        Assert.Contains(draft, WebUtility.HtmlDecode(html)); // the text stays in the editor
        var after = await SavedAsync();
        Assert.Equal(before.GetProperty("version").GetInt32(), after.GetProperty("version").GetInt32());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("filters").ValueKind);
        Assert.Equal(before.GetProperty("updatedAt").GetString(), after.GetProperty("updatedAt").GetString());
    }

    [Theory]
    [InlineData("{\"name\": \"news\", ")]
    [InlineData("not json at all")]
    public async Task Invalid_JSON_gets_the_same_error_as_saving_through_the_api(string text)
    {
        var api = await Admin.PutAsync("/api/admin/feeds/news", new StringContent(text, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        var detail = JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()!;

        foreach (var action in new[] { "preview", "save" })
        {
            var answer = await SubmitAsync(action, text);
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
            Assert.Contains(detail, WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync()));
        }
        Assert.Equal(1, (await SavedAsync()).GetProperty("version").GetInt32());
    }

    [Theory]
    [InlineData("""{"ranker":"no-such-ranker"}""")]
    [InlineData("""{"ranker":"chronological","colour":"red"}""")]
    [InlineData("""{"ranker":"chronological","name":"other"}""")]
    [InlineData("""{"ranker":"chronological","maxBoostsPerHour":1000}""")]
    [InlineData("""{"ranker":"chronological","filters":{"hashtags":7}}""")]
    [InlineData("""[1,2]""")]
    public async Task An_invalid_definition_gets_the_same_error_as_saving_through_the_api(string text)
    {
        var api = await Admin.PutAsync("/api/admin/feeds/news", new StringContent(text, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        var error = JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString()!;

        foreach (var action in new[] { "preview", "save" })
        {
            var answer = await SubmitAsync(action, text);
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
            Assert.Contains(error, WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync()));
        }
        Assert.Equal(1, (await SavedAsync()).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Save_stores_a_new_version()
    {
        var answer = await SubmitAsync("save", """{"name":"news","ranker":"chronological","displayName":"News, kept","filters":{"hashtags":["keep"]}}""");

        Assert.Equal(HttpStatusCode.SeeOther, answer.StatusCode);
        Assert.Equal(Editor, answer.Headers.Location!.OriginalString);
        var saved = await SavedAsync();
        Assert.Equal(2, saved.GetProperty("version").GetInt32());
        Assert.Equal("News, kept", saved.GetProperty("displayName").GetString());
        Assert.Equal(1, (await Admin.GetFromJsonAsync<JsonElement>("/api/admin/feeds/news/versions/1")).GetProperty("version").GetInt32());
    }

    [Theory]
    [InlineData("publish", "{}", "action: must be preview or save.")]
    [InlineData("", "{}", "action: must be preview or save.")]
    [InlineData("preview", "", "definition: paste the feed's definition (JSON).")]
    public async Task A_form_without_a_known_action_or_a_definition_is_a_400_naming_the_field(string action, string definition, string problem)
    {
        var answer = await SubmitAsync(action, definition);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains(problem, WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_form_without_its_antiforgery_token_changes_nothing()
    {
        var answer = await browser.PostAsync(Editor, WebSteps.Form(("action", "save"), ("definition", """{"ranker":"chronological","displayName":"Forged"}""")));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal(1, (await SavedAsync()).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task An_unknown_feed_is_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/admin/feeds/nope")).StatusCode);
        var answer = await PostFormAsync(browser, Editor, "/admin/feeds/nope", ("action", "preview"), ("definition", "{}"));
        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
    }
}
