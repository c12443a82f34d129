using Middleware.Core.Ranking;

namespace Middleware.Synthetic;

/// <summary>The ground truth about a synthetic post.</summary>
public enum PostLabel
{
    /// <summary>Liked at a moderate rate by both communities.</summary>
    Bridging,
    /// <summary>Liked strongly by community A, hardly by B.</summary>
    PartisanA,
    /// <summary>Liked strongly by community B, hardly by A.</summary>
    PartisanB,
    /// <summary>Liked a little by both: the noise floor.</summary>
    Neutral,
    /// <summary>A community-A partisan post that the coordinated cluster boosts.</summary>
    BotTarget,
}

/// <summary>A generated post with its ground-truth label.</summary>
public sealed record SyntheticPost(string Uri, string Author, string Text, string Language, DateTimeOffset Published, PostLabel Label);

/// <summary>A reply (replies carry no rating: they may agree or argue).</summary>
public sealed record SyntheticReply(string Actor, string Post, DateTimeOffset At);

/// <summary>A synthetic audience: posts with labels, every rating signal (favourites, boosts,
/// disagreements, impressions), replies, and who is in the coordinated cluster.</summary>
public sealed record SyntheticData(
    SyntheticOptions Options,
    IReadOnlyList<SyntheticPost> Posts,
    IReadOnlyList<RatingSignal> Ratings,
    IReadOnlyList<SyntheticReply> Replies,
    IReadOnlyList<string> CommunityA,
    IReadOnlyList<string> CommunityB,
    IReadOnlyList<string> CoordinatedAccounts)
{
    /// <summary>When each account was created, where known (every generated account has one).</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> AccountsCreated { get; init; } = new Dictionary<string, DateTimeOffset>();

    /// <summary>The organic accounts (both communities).</summary>
    public IEnumerable<string> Organic => CommunityA.Concat(CommunityB);

    /// <summary>URIs of the posts with <paramref name="label"/>.</summary>
    public IReadOnlySet<string> Labelled(PostLabel label) =>
        Posts.Where(p => p.Label == label).Select(p => p.Uri).ToHashSet(StringComparer.Ordinal);

    /// <summary>The post the coordinated cluster boosts, or null when there is no cluster.</summary>
    public string? BotTarget => Posts.FirstOrDefault(p => p.Label == PostLabel.BotTarget)?.Uri;

    /// <summary>The same data without impressions and disagreements: what plain Mastodon shows.</summary>
    public SyntheticData PositivesOnly() => this with
    {
        Ratings = Ratings.Where(r => r.Kind is RatingKind.Favourite or RatingKind.Boost).ToList(),
    };
}
