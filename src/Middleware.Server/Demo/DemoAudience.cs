using Middleware.Core.Import;
using Middleware.Core.Posts;
using Middleware.Core.Ranking;
using Middleware.Synthetic;

namespace Middleware.Server.Demo;

/// <summary>A synthetic audience (tools/Middleware.Synthetic: two communities, bridging and partisan
/// posts, a coordinated cluster) as one import. Every host is moved to the reserved <c>.example</c>
/// domain (RFC 2606), which no real server can have, so nothing made up here can point at, or be
/// delivered to, a real server; every author consents to discovery, as the import's account records
/// allow for generated data, so public feeds over it are not empty.</summary>
public static class DemoAudience
{
    /// <summary>The audience the demo starts with: big enough for the bridging model to find the
    /// bridging posts and the cluster (the end-to-end tests use the same shape), small enough to
    /// generate, import and fit in a few seconds.</summary>
    public static SyntheticData Generate(DateTimeOffset now) =>
        SyntheticAudience.Generate(new SyntheticOptions { Seed = 3, Users = 900, Posts = 200, Now = now });

    public static ImportBatch ToImport(SyntheticData data)
    {
        var line = 0;
        var posts = data.Posts.Select(p =>
        {
            var author = OnReservedHost(p.Author);
            return new ImportedPost(++line, new Post
            {
                Uri = OnReservedHost(p.Uri),
                AuthorUri = author,
                Instance = new Uri(author).Host,
                ContentText = p.Text,
                ContentHtml = $"<p>{System.Net.WebUtility.HtmlEncode(p.Text)}</p>",
                Language = p.Language,
                Published = p.Published,
                Visibility = Visibility.Public,
            });
        }).ToList();
        var interactions = data.Ratings
            .Select(r => (Kind: Kind(r.Kind), Actor: r.Rater, r.Post, r.At))
            .Concat(data.Replies.Select(r => (Kind: ImportedKind.Reply, r.Actor, r.Post, r.At)))
            .OrderBy(i => i.At)
            .Select(i => new ImportedInteraction(++line, i.Kind, OnReservedHost(i.Actor), OnReservedHost(i.Post), i.At))
            .ToList();
        var accounts = data.AccountsCreated
            .OrderBy(a => a.Key, StringComparer.Ordinal)
            .Select(a => new ImportedAccount(++line, OnReservedHost(a.Key), a.Value, Discoverable: true, Indexable: true))
            .ToList();
        return new ImportBatch(posts, interactions) { Accounts = accounts };
    }

    /// <summary>The URI with its host moved under <c>.example</c> (<c>a-town.social</c> becomes
    /// <c>a-town.example</c>); a host already there stays.</summary>
    public static string OnReservedHost(string uri)
    {
        var parsed = new UriBuilder(uri);
        if (!ReservedHosts.IsReserved(parsed.Host))
            parsed.Host = parsed.Host.LastIndexOf('.') is > 0 and var dot ? $"{parsed.Host[..dot]}.example" : $"{parsed.Host}.example";
        return parsed.Uri.AbsoluteUri;
    }

    private static ImportedKind Kind(RatingKind kind) => kind switch
    {
        RatingKind.Favourite => ImportedKind.Favourite,
        RatingKind.Boost => ImportedKind.Boost,
        RatingKind.Disagree => ImportedKind.Disagree,
        RatingKind.Seen => ImportedKind.Seen,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
