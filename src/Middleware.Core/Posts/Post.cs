namespace Middleware.Core.Posts;

/// <summary>Who may see a post, as Mastodon derives it from <c>to</c>/<c>cc</c>.</summary>
public enum Visibility
{
    Public,
    Unlisted,
    FollowersOnly,
    Direct,
}

/// <summary>A post as rankers will use it: one ActivityStreams Note, Article, Question or Page.</summary>
public sealed record Post
{
    public required string Uri { get; init; }
    public string? Url { get; init; }
    public required string AuthorUri { get; init; }
    /// <summary>Host of the author's actor id, e.g. <c>social.overheid.nl</c>.</summary>
    public required string Instance { get; init; }
    public string? ContentHtml { get; init; }
    public required string ContentText { get; init; }
    public string? Language { get; init; }
    public required DateTimeOffset Published { get; init; }
    public DateTimeOffset? Updated { get; init; }
    public string? InReplyToUri { get; init; }
    public string? ContentWarning { get; init; }
    public bool Sensitive { get; init; }
    public int MediaCount { get; init; }
    public IReadOnlyList<string> Hashtags { get; init; } = [];
    public IReadOnlyList<string> Mentions { get; init; } = [];
    public Visibility Visibility { get; init; }
    public string ObjectType { get; init; } = "Note";
}
