namespace Middleware.Core.Posts;

/// <summary>A stored post with the counts of what was done to it.</summary>
public sealed record PostView(
    Post Post,
    int BoostCount,
    int FavouriteCount,
    int ReplyCount,
    IReadOnlyList<string> BoostedBy);
