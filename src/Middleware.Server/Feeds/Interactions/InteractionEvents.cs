using Middleware.Core.Signals;

namespace Middleware.Server.Feeds.Interactions;

/// <summary>The event names the interactions API takes: ours, and Bluesky's
/// (<c>app.bsky.feed.defs#…</c>, as <c>app.bsky.feed.sendInteractions</c> sends them), so a client
/// written for Bluesky's feed generators can send what it already sends.</summary>
public static class InteractionEvents
{
    private const string Bluesky = "app.bsky.feed.defs#";

    private static readonly Dictionary<string, SignalEvent> Names = new(StringComparer.Ordinal)
    {
        ["requestMore"] = SignalEvent.RequestMore,
        ["requestLess"] = SignalEvent.RequestLess,
        ["seen"] = SignalEvent.Seen,
        ["like"] = SignalEvent.Like,
        ["boost"] = SignalEvent.Boost,
        ["reply"] = SignalEvent.Reply,
        ["clickthrough"] = SignalEvent.Clickthrough,
        [Bluesky + "requestMore"] = SignalEvent.RequestMore,
        [Bluesky + "requestLess"] = SignalEvent.RequestLess,
        [Bluesky + "interactionSeen"] = SignalEvent.Seen,
        [Bluesky + "interactionLike"] = SignalEvent.Like,
        [Bluesky + "interactionRepost"] = SignalEvent.Boost,
        [Bluesky + "interactionReply"] = SignalEvent.Reply,
        // A quote, like a reply, may agree or argue.
        [Bluesky + "interactionQuote"] = SignalEvent.Reply,
        // Opening the post, its author, who reposted it, or its embed: it was looked at, no more.
        [Bluesky + "clickthroughItem"] = SignalEvent.Clickthrough,
        [Bluesky + "clickthroughAuthor"] = SignalEvent.Clickthrough,
        [Bluesky + "clickthroughReposter"] = SignalEvent.Clickthrough,
        [Bluesky + "clickthroughEmbed"] = SignalEvent.Clickthrough,
    };

    /// <summary>Our names, for error messages and documentation.</summary>
    public const string Ours = "requestMore, requestLess, seen, like, boost, reply, clickthrough";

    /// <summary>The event a name stands for; votes are not among them (they are given on the vote page).</summary>
    public static bool TryParse(string name, out SignalEvent value) => Names.TryGetValue(name, out value);

    /// <summary>The name a person sees for an event they gave (votes included).</summary>
    public static string NameOf(SignalEvent value) => value switch
    {
        SignalEvent.RequestMore => "requestMore",
        SignalEvent.RequestLess => "requestLess",
        SignalEvent.Seen => "seen",
        SignalEvent.Like => "like",
        SignalEvent.Boost => "boost",
        SignalEvent.Reply => "reply",
        SignalEvent.Clickthrough => "clickthrough",
        SignalEvent.Agree => "agree",
        SignalEvent.Disagree => "disagree",
        SignalEvent.Pass => "pass",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, null),
    };
}
