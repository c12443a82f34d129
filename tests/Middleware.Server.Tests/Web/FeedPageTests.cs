using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Middleware.Core.Ingest;
using Middleware.Server.Tests.Feeds;
using Middleware.Server.Web;

namespace Middleware.Server.Tests.Web;

/// <summary>The feed pages over HTTP: the directory, a feed's page beside its Atom and vote routes,
/// private feeds unseen, and the remote-follow form redirecting only to a handle's own instance.</summary>
public sealed class FeedPageTests : OpenFeedFixture
{
    private HttpClient Browser => Service.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    [Fact]
    public async Task The_directory_lists_public_feeds_only_with_ranker_profiling_and_followers()
    {
        await AddFeedAsync("news", ranker: "engagement");
        await AddFeedAsync("hidden", isPublic: false);

        var response = await Client.GetAsync("/feeds");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(WebPage.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("href=\"/feeds/news\"", html);
        Assert.Contains("ranker: engagement", html);
        Assert.Contains("profiling: no", html);
        Assert.Contains("0 followers", html);
        Assert.DoesNotContain("hidden", html);
    }

    [Fact]
    public async Task The_feed_page_atom_and_vote_routes_do_not_collide()
    {
        await ImportPostsAsync(1, 2);
        await AddFeedAsync("news");
        using var browser = Browser;

        var page = await browser.GetAsync("/feeds/news");
        var atom = await browser.GetAsync("/feeds/news.atom");
        var vote = await browser.GetAsync("/feeds/news/vote");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("How this feed ranks", html);
        Assert.Contains("Why am I seeing this?", html);
        Assert.Contains("post p2", html);
        Assert.Equal("application/atom+xml", atom.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.SeeOther, vote.StatusCode);
        Assert.StartsWith("/login?return=", vote.Headers.Location?.OriginalString);
    }

    /// <summary>The page keeps each snapshot's card and sanitized posts (issue 12's speed), but asks on
    /// every request whether a post is still stored: a deleted post leaves the page at once.</summary>
    [Fact]
    public async Task A_post_deleted_while_its_snapshot_is_current_leaves_the_page_at_once()
    {
        await ImportPostsAsync(1, 2);
        await AddFeedAsync("news");
        using var browser = Browser;
        Assert.Contains("post p2", await browser.GetStringAsync("/feeds/news"));

        await Service.Services.GetRequiredService<IChangeWriter>().ApplyAsync([new DeletePost(Uri("p2"))], null);

        var html = await browser.GetStringAsync("/feeds/news");
        Assert.DoesNotContain("post p2", html);
        Assert.Contains("post p1", html);
    }

    [Fact]
    public async Task Unknown_and_private_feeds_have_the_same_not_found_page()
    {
        await AddFeedAsync("hidden", isPublic: false);
        using var browser = Browser;

        var unknown = await browser.GetAsync("/feeds/nothing");
        var hidden = await browser.GetAsync("/feeds/hidden");
        var follow = await browser.GetAsync("/feeds/hidden/follow?handle=alice@mastodon.example");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, follow.StatusCode);
        Assert.Equal((await unknown.Content.ReadAsStringAsync()).Replace("nothing", "hidden"), await hidden.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("@alice@mastodon.example")]
    [InlineData("alice@Mastodon.Example")]
    public async Task A_handle_is_sent_to_its_instance_authorize_interaction_page(string handle)
    {
        await AddFeedAsync("news");
        using var browser = Browser;

        var response = await browser.GetAsync($"/feeds/news/follow?handle={System.Uri.EscapeDataString(handle)}");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("https://mastodon.example/authorize_interaction?uri=http%3A%2F%2Flocalhost%2Fusers%2Fnews",
            response.Headers.Location?.AbsoluteUri);
    }

    [Theory]
    [InlineData("", "Type your handle")]
    [InlineData("alice", "is not a handle")]
    [InlineData("alice@", "is not a handle")]
    [InlineData("alice@localhost", "is not a handle")]
    [InlineData("alice@evil.example/phish", "not a web address")]
    [InlineData("alice@http://evil.example", "not a web address")]
    [InlineData("https://evil.example/@alice", "not a web address")]
    [InlineData("alice@mastodon.example:8443", "is not a handle")]
    [InlineData("alice@127.0.0.1", "not an IP address")]
    [InlineData("alice@[::1]", "is not a handle")]
    [InlineData("alice@evil.example?x=", "is not a handle")]
    [InlineData("alice@evil.example\n.other", "is not a handle")]
    public async Task A_bad_handle_gets_a_clear_error_and_no_redirect(string handle, string error)
    {
        await AddFeedAsync("news");
        using var browser = Browser;

        var response = await browser.GetAsync($"/feeds/news/follow?handle={System.Uri.EscapeDataString(handle)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains(error, System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }
}
