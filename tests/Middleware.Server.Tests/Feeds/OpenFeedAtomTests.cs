using System.Net;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Middleware.Core.Actors;
using Middleware.Server.Feeds.Open;
using Middleware.Server.Tests.Ranking;

namespace Middleware.Server.Tests.Feeds;

public sealed class OpenFeedAtomTests : OpenFeedFixture
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?> { ["Middleware:OpenFeeds:AtomEntries"] = "3" };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await ImportPostsAsync(1, 5);
        await ImportTests.ImportAsync(Admin, PostLine("tricky", 1, "<script>alert('x')</script> & \u0001bell"));
        await AddFeedAsync("news");
    }

    private async Task<XDocument> AtomAsync(string feed)
    {
        var response = await Client.GetAsync($"/feeds/{feed}.atom");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        return XDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_feed_is_atom_with_the_top_posts_as_entries()
    {
        var feed = (await AtomAsync("news")).Root!;

        Assert.Equal(Atom + "feed", feed.Name);
        Assert.Equal("Feed news", feed.Element(Atom + "title")!.Value);
        Assert.Equal("About news", feed.Element(Atom + "subtitle")!.Value);
        Assert.Equal("http://localhost/feeds/news.atom", feed.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "self").Attribute("href")!.Value);
        Assert.True(DateTimeOffset.TryParse(feed.Element(Atom + "updated")!.Value, out _));
        var entries = feed.Elements(Atom + "entry").ToList();
        Assert.Equal([Uri("tricky"), Uri("p5"), Uri("p4")], entries.Select(e => e.Element(Atom + "id")!.Value));
        var p5 = entries[1];
        Assert.Equal("https://a.example/@ann/p5", p5.Element(Atom + "link")!.Attribute("href")!.Value);
        // No actor document cached for ann: her handle, never her URI, names her.
        Assert.Equal("@ann@a.example", p5.Element(Atom + "author")!.Element(Atom + "name")!.Value);
        Assert.Equal(Author, p5.Element(Atom + "author")!.Element(Atom + "uri")!.Value);
        Assert.Equal("post p5", p5.Element(Atom + "content")!.Value);
        Assert.Equal("text", p5.Element(Atom + "content")!.Attribute("type")!.Value);
        Assert.StartsWith("Published", p5.Element(Atom + "summary")!.Value);
        Assert.True(DateTimeOffset.TryParse(p5.Element(Atom + "published")!.Value, out _));
    }

    [Fact]
    public async Task Markup_in_a_post_stays_text_and_invalid_characters_are_dropped()
    {
        var feed = (await AtomAsync("news")).Root!;

        var tricky = feed.Elements(Atom + "entry").First();
        Assert.Equal("<script>alert('x')</script> & bell", tricky.Element(Atom + "content")!.Value);
        Assert.Empty(feed.Descendants("script"));
    }

    [Fact]
    public async Task An_author_with_a_display_name_is_shown_by_it_and_a_hostile_name_stays_text()
    {
        const string hostile = "<script>alert('x')</script> Ann & \u0001Co";
        await Service.Services.GetRequiredService<IRemoteActorStore>().UpsertAsync(new RemoteActor
        {
            Uri = Author, Inbox = "https://a.example/users/ann/inbox", Host = "a.example", Username = "ann",
            DisplayName = hostile, FetchedAt = DateTimeOffset.UtcNow, Discoverable = true, Indexable = true,
        });

        var response = await Client.GetAsync("/feeds/news.atom");
        var raw = await response.Content.ReadAsStringAsync();
        var feed = XDocument.Parse(raw).Root!;

        var names = feed.Elements(Atom + "entry").Select(e => e.Element(Atom + "author")!.Element(Atom + "name")!.Value).Distinct();
        Assert.Equal(["<script>alert('x')</script> Ann & Co"], names);
        Assert.DoesNotContain("<script>", raw, StringComparison.Ordinal);
        Assert.Empty(feed.Descendants("script"));
    }

    [Theory]
    [InlineData("https://b.example/users/bob", null, null, "@bob@b.example")]
    [InlineData("https://b.example/@bob", null, null, "@bob@b.example")]
    [InlineData("https://b.example/users/bob", "  ", "robert", "@robert@b.example")]
    [InlineData("https://b.example/users/bob", "Bob B.", "robert", "Bob B.")]
    [InlineData("not a uri", null, null, "not a uri")]
    [InlineData("https://b.example/", null, null, "https://b.example/")]
    public void A_name_falls_back_to_the_handle(string uri, string? displayName, string? username, string expected)
    {
        var actor = displayName is null && username is null ? null : new RemoteActor
        {
            Uri = uri, Inbox = uri + "/inbox", Host = "b.example", Username = username, DisplayName = displayName,
        };

        Assert.Equal(expected, AuthorNames.Of(uri, actor));
    }

    [Fact]
    public async Task An_unknown_feed_is_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/feeds/nothing.atom")).StatusCode);
    }
}
