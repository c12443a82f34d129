using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Middleware.Server.Tests.Infrastructure;
using static Middleware.Server.Tests.Web.Admin.AdminSteps;

namespace Middleware.Server.Tests.Web.Admin;

/// <summary>The sources page: list with state, add and remove through the admin API's own subscriptions.</summary>
public sealed class AdminSourcePagesTests : ServiceFixture
{
    private const string Page = "/admin/sources";

    private async Task<JsonElement[]> SourcesAsync() =>
        (await Admin.GetFromJsonAsync<JsonElement>("/api/admin/sources")).EnumerateArray().ToArray();

    [Fact]
    public async Task A_timeline_source_is_added_listed_with_its_state_and_removed()
    {
        using var browser = await SignedInAsync(Service);

        var added = await PostFormAsync(browser, Page, Page, ("type", "timeline"), ("target", Remote.BaseUrl), ("local", "true"));

        Assert.Equal(HttpStatusCode.SeeOther, added.StatusCode);
        var source = Assert.Single(await SourcesAsync());
        Assert.True(source.GetProperty("local").GetBoolean());
        var html = await (await browser.GetAsync(Page)).Content.ReadAsStringAsync();
        Assert.Contains(Remote.BaseUrl, html);
        Assert.Contains("timeline (local)", html);
        Assert.Contains($"<td>{source.GetProperty("state").GetString()}</td>", html);

        var removed = await PostFormAsync(browser, Page, $"/admin/sources/{source.GetProperty("id").GetInt64()}/remove");
        Assert.Equal(HttpStatusCode.SeeOther, removed.StatusCode);
        Assert.Empty(await SourcesAsync());
    }

    [Theory]
    [InlineData("feed", "https://x.example", "'type' must be one of: account, relay, timeline.")]
    [InlineData("timeline", "", "'target' is required.")]
    [InlineData("timeline", "ftp://x.example", "A timeline 'target' must be the instance's base URL")]
    [InlineData("relay", "not a url", "A relay 'target' must be the relay actor's http(s) URL.")]
    public async Task Bad_input_is_a_400_naming_the_field_and_adds_nothing(string type, string target, string problem)
    {
        using var browser = await SignedInAsync(Service);

        var answer = await PostFormAsync(browser, Page, Page, ("type", type), ("target", target));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains(problem, WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync()));
        Assert.Empty(await SourcesAsync());
    }

    [Theory]
    [InlineData("abc", HttpStatusCode.BadRequest, "id: must be a source number.")]
    [InlineData("-1", HttpStatusCode.BadRequest, "id: must be a source number.")]
    [InlineData("99999999999999999999", HttpStatusCode.BadRequest, "id: must be a source number.")]
    [InlineData("42", HttpStatusCode.NotFound, "There is no source 42.")]
    public async Task Removing_a_source_that_is_not_one_is_refused(string id, HttpStatusCode status, string problem)
    {
        using var browser = await SignedInAsync(Service);

        var answer = await PostFormAsync(browser, Page, $"/admin/sources/{id}/remove");

        Assert.Equal(status, answer.StatusCode);
        Assert.Contains(problem, WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_form_without_its_antiforgery_token_adds_nothing()
    {
        using var browser = await SignedInAsync(Service);

        var answer = await browser.PostAsync(Page, WebSteps.Form(("type", "timeline"), ("target", Remote.BaseUrl)));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Empty(await SourcesAsync());
    }
}
