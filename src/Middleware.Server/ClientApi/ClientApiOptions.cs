namespace Middleware.Server.ClientApi;

/// <summary>The <c>ClientApi</c> configuration section: the Mastodon client API.</summary>
public sealed class ClientApiOptions
{
    public const string Section = "ClientApi";

    /// <summary>Scheme used to reach home instances. Always <c>https</c> in production; tests that run
    /// a stand-in instance on loopback set <c>http</c> (with <c>Middleware:AllowPrivateNetworks</c>).</summary>
    public string UpstreamScheme { get; set; } = "https";

    /// <summary>Largest answer read from a home instance (a page of 40 statuses is ~100 KB).</summary>
    public long MaxUpstreamBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>Largest request body passed on to a home instance (media uploads included); Kestrel refuses more than 30 MB by default too.</summary>
    public long MaxForwardedBodyBytes { get; set; } = 30L * 1024 * 1024;

    /// <summary>How long the handle form and an authorization code stay valid.</summary>
    public TimeSpan LoginLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How many of the most recent home statuses are ranked together (at least 200 by default).</summary>
    public int RankedWindow { get; set; } = 200;

    /// <summary>Statuses asked per upstream page while filling the window (Mastodon's maximum is 40).</summary>
    public int UpstreamPageSize { get; set; } = 40;

    /// <summary>How long the posts a chosen feed adds to a home timeline may take to look up at the
    /// home instance, all together; those not found by then are left out of this window.</summary>
    public TimeSpan FeedPostLookupBudget { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How many of those lookups run at once against one home instance.</summary>
    public int FeedPostLookups { get; set; } = 4;

    /// <summary>How long filling a ranked window may take once the first page has arrived; later pages
    /// still missing then are left to paging in the home instance's order.</summary>
    public TimeSpan WindowFillBudget { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Memory for ranked windows kept for paging, all people together; the least recently
    /// used go first (a cursor into a forgotten window is applied to a freshly ranked one).</summary>
    public long RankedWindowCacheBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>At most this many followed accounts are read from the home instance per person.</summary>
    public int FollowingMaxAccounts { get; set; } = 2_000;

    /// <summary>At most this many pages (of 80) are read for one following list.</summary>
    public int FollowingMaxPages { get; set; } = 25;

    /// <summary>How old a person's following list may get before reading a feed reads it again.</summary>
    public TimeSpan FollowingSyncInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Feeds a person may read as lists at once (<c>lists</c> in the ranking preference).</summary>
    public int MaxListFeeds { get; set; } = 10;

    /// <summary>How many of a feed's top posts a feed-list or trends window holds: how deep a person
    /// can page before it ends.</summary>
    public int FeedWindow { get; set; } = 200;

    /// <summary>The feed answering <c>GET /api/v1/trends/statuses</c> for people who chose none; null
    /// or empty: their home instance's own trends.</summary>
    public string? TrendsFeed { get; set; }

    /// <summary>Memory for feed-list and trends windows kept for paging, all people together.</summary>
    public long FeedWindowCacheBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>How many post → status id mappings are remembered (all home instances together; the
    /// least recently used go first), so that a post found once is fetched by id afterwards instead of
    /// searched for again.</summary>
    public int StatusIdCacheEntries { get; set; } = 200_000;
}
