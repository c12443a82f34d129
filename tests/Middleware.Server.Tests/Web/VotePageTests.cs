using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Middleware.Core.Feeds;
using Middleware.Core.Ingest;
using Middleware.Core.Posts;
using Middleware.Core.Signals;
using Middleware.Server.Tests.ClientApi;
using static Middleware.Server.Tests.Web.WebSteps;

namespace Middleware.Server.Tests.Web;

/// <summary>The vote page over HTTP: consent once, votes stored through the person-signal store, and
/// every bad form refused with nothing stored.</summary>
public sealed class VotePageTests : ClientApiFixture
{
    private const string Author = "https://a.example/users/ann";
    private const string Page = "/feeds/news/vote";

    private static string Uri(int i) => $"https://a.example/notes/{i}";

    private string Person => $"{Remote.BaseUrl}/users/alice";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var now = DateTimeOffset.UtcNow;
        var changes = new List<Change> { new RecordAuthorConsent(Author, true, true) };
        changes.AddRange(Enumerable.Range(1, 3).Select(i => new UpsertPost(new Post
        {
            Uri = Uri(i), AuthorUri = Author, Instance = "a.example", ContentText = $"post {i}", Published = now.AddMinutes(-i),
            ContentHtml = i == 1 ? "<p>one <script>alert(1)</script><img src=x onerror=alert(1)></p>" : null,
        })));
        await Service.Services.GetRequiredService<IChangeWriter>().ApplyAsync(changes, null);
        var feeds = Service.Services.GetRequiredService<IFeedStore>();
        foreach (var (name, isPublic) in new[] { ("news", true), ("hidden", false) })
            Assert.True(await feeds.AddAsync(new Feed
            {
                Name = name, DisplayName = $"Feed {name}", Ranker = "chronological", Public = isPublic, CreatedAt = now, UpdatedAt = now,
            }));
    }

    private Task<IReadOnlyDictionary<string, SignalEvent>> VotesAsync() =>
        Service.Services.GetRequiredService<IPersonSignalStore>().VotesAsync(Person, "news");

    /// <summary>Signed in and agreed; returns the vote page's HTML.</summary>
    private async Task<string> ReadyAsync()
    {
        await this.SignInAsync(Client, Page);
        var consent = await (await Client.GetAsync(Page)).Content.ReadAsStringAsync();
        Assert.Contains("Before you vote", consent);
        var agreed = await Client.PostAsync(Page, Form((TokenField, Token(consent)), ("consent", "agree")));
        Assert.Equal(HttpStatusCode.SeeOther, agreed.StatusCode);
        return await (await Client.GetAsync(Page)).Content.ReadAsStringAsync();
    }

    private Task<HttpResponseMessage> VoteAsync(string html, string post, string vote) =>
        Client.PostAsync(Page, Form((TokenField, Token(html)), ("post", post), ("vote", vote)));

    [Fact]
    public async Task Consent_is_asked_once_then_each_vote_is_stored_and_the_next_post_shown()
    {
        var html = await ReadyAsync();
        Assert.Contains("You have voted on <strong>0</strong> of <strong>3</strong> posts in this feed.", html);
        Assert.Contains($"name=\"post\" value=\"{Uri(1)}\"", html);
        Assert.Equal(1L, await ScalarAsync("SELECT COUNT(*) FROM vote_consents"));

        var voted = await VoteAsync(html, Uri(1), "agree");
        Assert.Equal(HttpStatusCode.SeeOther, voted.StatusCode);
        Assert.Equal(Page, voted.Headers.Location!.OriginalString);
        html = await (await Client.GetAsync(Page)).Content.ReadAsStringAsync();
        Assert.Contains("voted on <strong>1</strong> of <strong>3</strong>", html);
        Assert.Contains($"name=\"post\" value=\"{Uri(2)}\"", html);
        Assert.Equal(SignalEvent.Agree, Assert.Single(await VotesAsync()).Value);

        await VoteAsync(html, Uri(2), "disagree");
        html = await (await Client.GetAsync(Page)).Content.ReadAsStringAsync();
        await VoteAsync(html, Uri(3), "pass");
        html = await (await Client.GetAsync(Page)).Content.ReadAsStringAsync();
        Assert.Contains("Thank you!", html);
        Assert.DoesNotContain("name=\"vote\"", html);
        var votes = await VotesAsync();
        Assert.Equal([SignalEvent.Agree, SignalEvent.Disagree, SignalEvent.Pass], new[] { votes[Uri(1)], votes[Uri(2)], votes[Uri(3)] });
    }

    [Fact]
    public async Task The_posts_html_is_sanitised_on_the_page()
    {
        var html = await ReadyAsync();
        Assert.Contains("<div class=\"content\"><p>one </p></div>", html);
        Assert.DoesNotContain("alert", html);
        Assert.DoesNotContain("<script", html);
    }

    [Fact]
    public async Task A_replayed_vote_is_stored_once()
    {
        var html = await ReadyAsync();
        Assert.Equal(HttpStatusCode.SeeOther, (await VoteAsync(html, Uri(2), "agree")).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await VoteAsync(html, Uri(2), "agree")).StatusCode);
        Assert.Equal(SignalEvent.Agree, Assert.Single(await VotesAsync()).Value);
    }

    [Fact]
    public async Task A_vote_on_a_post_not_in_the_feed_is_refused_and_nothing_stored()
    {
        var html = await ReadyAsync();
        var answer = await VoteAsync(html, "https://a.example/notes/elsewhere", "agree");
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("not in the feed", await answer.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.PostAsync(Page, Form((TokenField, Token(html)), ("vote", "agree")))).StatusCode);
        Assert.Empty(await VotesAsync());
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("Agree")]
    [InlineData("")]
    public async Task An_unknown_vote_is_refused_and_nothing_stored(string vote)
    {
        var html = await ReadyAsync();
        var answer = await VoteAsync(html, Uri(1), vote);
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("not a vote this page knows", await answer.Content.ReadAsStringAsync());
        Assert.Empty(await VotesAsync());
    }

    [Fact]
    public async Task A_vote_without_a_valid_antiforgery_token_is_refused_and_nothing_stored()
    {
        var html = await ReadyAsync();
        var missing = await Client.PostAsync(Page, Form(("post", Uri(1)), ("vote", "agree")));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("Form refused", await missing.Content.ReadAsStringAsync());
        var garbled = await Client.PostAsync(Page, Form((TokenField, Token(html)[..^4] + "AAAA"), ("post", Uri(1)), ("vote", "agree")));
        Assert.Equal(HttpStatusCode.BadRequest, garbled.StatusCode);

        // An attacker's own valid token (from the sign-in page they opened) does not fit the victim's cookie and session.
        using var attacker = this.NewBrowser();
        var attackersToken = Token(await (await attacker.GetAsync("/login")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.PostAsync(Page, Form((TokenField, attackersToken), ("post", Uri(1)), ("vote", "agree")))).StatusCode);
        Assert.Empty(await VotesAsync());
    }

    [Fact]
    public async Task A_token_from_a_page_of_another_person_in_the_same_browser_is_refused()
    {
        var alicesPage = await ReadyAsync();
        await using var otherServer = await Infrastructure.RemoteServer.StartAsync();
        var otherHome = new MastodonStandIn(otherServer);
        Assert.Equal(HttpStatusCode.OK, (await Client.PostAsync("/logout", Form((TokenField, Token(alicesPage))))).StatusCode);
        await this.SignInAsync(Client, Page, otherHome);
        Assert.Equal(1L, await ScalarAsync("SELECT COUNT(*) FROM web_sessions"));

        var answer = await VoteAsync(alicesPage, Uri(1), "agree");
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM vote_consents WHERE account_id <> (SELECT MIN(id) FROM client_accounts)"));
        Assert.Empty(await VotesAsync());
        Assert.Empty(await Service.Services.GetRequiredService<IPersonSignalStore>().VotesAsync($"{otherServer.BaseUrl}/users/alice", "news"));
    }

    [Fact]
    public async Task A_vote_before_consent_is_not_stored()
    {
        await this.SignInAsync(Client, Page);
        var consent = await (await Client.GetAsync(Page)).Content.ReadAsStringAsync();
        var answer = await VoteAsync(consent, Uri(1), "agree");
        Assert.Equal(HttpStatusCode.SeeOther, answer.StatusCode);
        Assert.Empty(await VotesAsync());
        Assert.Contains("Before you vote", await (await Client.GetAsync(Page)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_a_session_a_vote_goes_to_sign_in_and_nothing_is_stored()
    {
        var html = await ReadyAsync();
        using var stranger = this.NewBrowser();
        var answer = await stranger.PostAsync(Page, Form((TokenField, Token(html)), ("post", Uri(1)), ("vote", "agree")));
        Assert.Equal(HttpStatusCode.SeeOther, answer.StatusCode);
        Assert.Equal("/login?return=%2Ffeeds%2Fnews%2Fvote", answer.Headers.Location!.OriginalString);
        Assert.Empty(await VotesAsync());
    }

    [Theory]
    [InlineData("/feeds/unknown/vote")]
    [InlineData("/feeds/hidden/vote")]
    public async Task An_unknown_or_private_feed_is_a_404_page(string path)
    {
        await this.SignInAsync(Client, Page);
        var answer = await Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Equal("text/html", answer.Content.Headers.ContentType!.MediaType);
        Assert.Contains("There is no public feed", await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_consent_page_says_what_is_recorded_who_sees_it_and_how_to_delete_it()
    {
        await this.SignInAsync(Client, Page);
        var html = await (await Client.GetAsync(Page)).Content.ReadAsStringAsync();
        foreach (var words in new[] { "What is recorded", "With your account: <strong>@alice@", "Who can see them", "GET /api/v1/feeds/signals", "DELETE /api/v1/feeds/signals", "asked this once" })
            Assert.Contains(words, html);
    }
}
