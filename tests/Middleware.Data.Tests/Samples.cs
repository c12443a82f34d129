using Middleware.Core.Follows;
using Middleware.Core.Inbox;
using Middleware.Core.Posts;

namespace Middleware.Data.Tests;

/// <summary>Real-shaped values as Mastodon would send them.</summary>
internal static class Samples
{
    public const string Alice = "https://mastodon.social/users/alice";
    public const string Bob = "https://social.overheid.nl/users/bob";
    public const string Carol = "https://fosstodon.org/users/carol";

    public static readonly DateTimeOffset Published = DateTimeOffset.Parse("2025-05-31T08:30:00Z");

    public static Post Post(string id = "1", string author = Alice, params string[] hashtags) => new()
    {
        Uri = $"{author}/statuses/{id}",
        Url = $"{author.Replace("/users/", "/@")}/{id}",
        AuthorUri = author,
        Instance = new Uri(author).Host,
        ContentHtml = "<p>Hello <a href=\"https://mastodon.social/tags/Fediverse\">#Fediverse</a></p>",
        ContentText = "Hello #Fediverse",
        Language = "en",
        Published = Published,
        Hashtags = hashtags,
        Mentions = [Bob],
        Visibility = Visibility.Public,
    };

    public static Interaction Boost(Post post, string actor, string id = "b1") =>
        new($"{actor}/statuses/{id}/activity", InteractionKind.Boost, actor, post.Uri, Published.AddMinutes(5));

    public static Interaction Like(Post post, string actor, string id = "l1") =>
        new($"{actor}#likes/{id}", InteractionKind.Favourite, actor, post.Uri, Published.AddMinutes(6));

    public static Follower Follower(string actor, string local = "tech") =>
        new(local, actor, $"{actor}/inbox", $"https://{new Uri(actor).Host}/inbox", $"{actor}#follows/1", Published);

    public static NewInboxEntry InboxEntry(string id, DateTimeOffset receivedAt) =>
        new($"{Alice}/statuses/{id}/activity", "Create", Alice, Alice,
            "{\"type\":\"Create\"}", null, receivedAt);
}
