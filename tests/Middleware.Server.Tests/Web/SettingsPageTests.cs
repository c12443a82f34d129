using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Middleware.Core.Feeds;
using Middleware.Server.Tests.ClientApi;
using Middleware.Server.Tests.Infrastructure;
using static Middleware.Server.Tests.Web.WebSteps;

namespace Middleware.Server.Tests.Web;

/// <summary>The settings page over HTTP: signed in only, validated as the client API validates, and
/// refused forms change nothing; the help and about pages and the instance entity show the configuration.</summary>
public sealed class SettingsPageTests : ClientApiFixture
{
    private const string Page = "/settings";

    protected override void Configure(MiddlewareFactory service)
    {
        service.Settings["Middleware:Instance:Title"] = "Buurtfeeds";
        service.Settings["Middleware:Instance:Contact"] = "admin@buurt.example";
        service.Settings["Middleware:Instance:PrivacyPolicy"] = "We keep only what you opt in to.";
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var now = DateTimeOffset.UtcNow;
        var feeds = Service.Services.GetRequiredService<IFeedStore>();
        foreach (var (name, isPublic) in new[] { ("news", true), ("buurt", true), ("hidden", false) })
            Assert.True(await feeds.AddAsync(new Feed
            {
                Name = name, DisplayName = $"Feed {name}", Ranker = "chronological", Public = isPublic, CreatedAt = now, UpdatedAt = now,
            }));
    }

    private async Task<JsonElement> ApiPreferenceAsync(HttpClient app) =>
        await app.GetFromJsonAsync<JsonElement>("/api/v1/preferences/ranking");

    private async Task<string> SignedInPageAsync()
    {
        await this.SignInAsync(Client, Page);
        var page = await Client.GetAsync(Page);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return await page.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task Settings_sends_a_stranger_to_sign_in()
    {
        var page = await Client.GetAsync(Page);
        Assert.Equal(HttpStatusCode.SeeOther, page.StatusCode);
        Assert.StartsWith("/login?return=", page.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_valid_form_changes_the_preference_as_the_api_would()
    {
        var html = await SignedInPageAsync();
        Assert.Contains("Feed news", html);
        Assert.DoesNotContain("Feed hidden", html);
        Assert.Contains("href=\"/help\"", html);

        var saved = await Client.PostAsync(Page, Form((TokenField, Token(html)), ("home", "buurt"), ("lists", "news"), ("lists", "buurt"),
            ("trends", "news"), ("recordInteractions", "true")));
        Assert.Equal(HttpStatusCode.SeeOther, saved.StatusCode);
        Assert.Contains("Saved.", await (await Client.GetAsync(saved.Headers.Location!.OriginalString)).Content.ReadAsStringAsync());

        var app = ClientWithToken(await LoginAsync());
        var preference = await ApiPreferenceAsync(app);
        Assert.Equal("buurt", preference.GetProperty("feed").GetString());
        Assert.Equal(["news", "buurt"], preference.GetProperty("lists").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("news", preference.GetProperty("trends").GetString());
        Assert.True(preference.GetProperty("recordInteractions").GetBoolean());
    }

    [Fact]
    public async Task A_ranker_that_needs_no_settings_can_order_home_and_the_page_shows_it_chosen()
    {
        var html = await SignedInPageAsync();
        Assert.Contains("value=\"ranker:engagement\"", html);
        Assert.Contains("value=\"ranker:bridging\"", html);
        // Recipes and scripts need their own settings: they are chosen through a feed or an app.
        Assert.DoesNotContain("value=\"ranker:recipe\"", html);
        Assert.DoesNotContain("value=\"ranker:script\"", html);

        var saved = await Client.PostAsync(Page, Form((TokenField, Token(html)), ("home", "ranker:engagement")));
        Assert.Equal(HttpStatusCode.SeeOther, saved.StatusCode);

        var app = ClientWithToken(await LoginAsync());
        var preference = await ApiPreferenceAsync(app);
        Assert.Equal(JsonValueKind.Null, preference.GetProperty("feed").ValueKind);
        Assert.Equal("engagement", preference.GetProperty("ranker").GetString());
        Assert.Contains("value=\"ranker:engagement\" checked", await Client.GetStringAsync(Page));
    }

    [Theory]
    [InlineData("home", "nowhere", "What orders your home timeline: there is no public feed &#x27;nowhere&#x27;.")]
    [InlineData("home", "hidden", "there is no public feed &#x27;hidden&#x27;.")]
    [InlineData("lists", "hidden", "Feeds read as lists: there is no public feed &#x27;hidden&#x27;.")]
    [InlineData("trends", "nowhere", "Trending posts: there is no public feed &#x27;nowhere&#x27;.")]
    [InlineData("home", "ranker:nope", "What orders your home timeline: there is no ranker &#x27;nope&#x27;")]
    [InlineData("home", "ranker:recipe", "What orders your home timeline: this ranker needs settings that only a feed or an app can give (recipe is required")]
    public async Task An_invalid_form_is_refused_in_plain_words_and_changes_nothing(string field, string value, string message)
    {
        var html = await SignedInPageAsync();
        var before = await ScalarAsync("SELECT ranker || '|' || coalesce(feed,'') || '|' || coalesce(list_feeds,'') || '|' || coalesce(trends_feed,'') || '|' || record_interactions || '|' || updated_at FROM client_accounts");
        var refused = await Client.PostAsync(Page, Form((TokenField, Token(html)), (field, value), ("recordInteractions", "true")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var text = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Nothing was changed.", text);
        Assert.Contains(message, text);
        Assert.DoesNotContain("/api/v1", text);
        Assert.Equal(before, await ScalarAsync("SELECT ranker || '|' || coalesce(feed,'') || '|' || coalesce(list_feeds,'') || '|' || coalesce(trends_feed,'') || '|' || record_interactions || '|' || updated_at FROM client_accounts"));
    }

    [Fact]
    public async Task A_form_without_its_token_is_refused_and_changes_nothing()
    {
        await SignedInPageAsync();
        var before = await ScalarAsync("SELECT ranker || '|' || coalesce(feed,'') || '|' || coalesce(list_feeds,'') || '|' || coalesce(trends_feed,'') || '|' || record_interactions || '|' || updated_at FROM client_accounts");
        var refused = await Client.PostAsync(Page, Form(("home", "news"), ("recordInteractions", "true")));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Form refused", await refused.Content.ReadAsStringAsync());
        Assert.Equal(before, await ScalarAsync("SELECT ranker || '|' || coalesce(feed,'') || '|' || coalesce(list_feeds,'') || '|' || coalesce(trends_feed,'') || '|' || record_interactions || '|' || updated_at FROM client_accounts"));
    }

    [Fact]
    public async Task About_help_and_the_instance_entity_show_the_configuration()
    {
        var about = await Client.GetStringAsync("/about");
        Assert.Contains("About Buurtfeeds", about);
        Assert.Contains("mailto:admin@buurt.example", about);
        Assert.Contains("We keep only what you opt in to.", about);

        var help = await Client.GetStringAsync("/help");
        Assert.Contains("Home, ranked", help);
        Assert.Contains("Phanpy", help);
        Assert.Contains($"<strong>{new Uri(Service.Server.BaseAddress.ToString()).Host}", help);

        var v1 = await Client.GetFromJsonAsync<JsonElement>("/api/v1/instance");
        Assert.Equal("Buurtfeeds", v1.GetProperty("title").GetString());
        Assert.Equal("admin@buurt.example", v1.GetProperty("email").GetString());
        var v2 = await Client.GetFromJsonAsync<JsonElement>("/api/v2/instance");
        Assert.Equal("Buurtfeeds", v2.GetProperty("title").GetString());
        Assert.Equal("admin@buurt.example", v2.GetProperty("contact").GetProperty("email").GetString());
    }
}
