namespace Middleware.Ranking.Tests;

/// <summary>Small hand-made candidate sets for ranker tests.</summary>
internal static class Candidates
{
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    public static Candidate Post(string id, double ageHours, int boosts = 0, int favourites = 0, int replies = 0) => new()
    {
        PostUri = $"https://example.social/posts/{id}",
        Author = "https://example.social/users/alice",
        Instance = "example.social",
        Published = Now.AddHours(-ageHours),
        Boosts = boosts,
        Favourites = favourites,
        Replies = replies,
        DistinctEngagers = boosts + favourites + replies,
    };

    /// <summary>A post by <paramref name="author"/> (a short name) on <paramref name="instance"/>.</summary>
    public static Candidate By(string id, string author, string instance = "example.social", double ageHours = 1) =>
        Post(id, ageHours) with { Author = $"https://{instance}/users/{author}", Instance = instance };

    /// <summary>Parameters from JSON text.</summary>
    public static RankerParameters Parameters(string json) =>
        RankerParameters.FromJson(System.Text.Json.JsonDocument.Parse(json).RootElement);

    /// <summary>The short ids (last path segment) of ranked posts, in order.</summary>
    public static string[] Ids(IEnumerable<RankedItem> items) => items.Select(i => i.PostUri.Split('/')[^1]).ToArray();

    public static RankingRequest Request(IReadOnlyList<Candidate> candidates, int limit = 10, RankerParameters? parameters = null) => new()
    {
        Feed = "test",
        Candidates = candidates,
        Limit = limit,
        Parameters = parameters ?? RankerParameters.Empty,
        Now = Now,
    };
}
