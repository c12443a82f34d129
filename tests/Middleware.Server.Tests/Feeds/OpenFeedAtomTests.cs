using System.Net;
using System.Xml.Linq;
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
        Assert.Equal(Author, p5.Element(Atom + "author")!.Element(Atom + "name")!.Value);
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
    public async Task An_unknown_feed_is_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/feeds/nothing.atom")).StatusCode);
    }
}
