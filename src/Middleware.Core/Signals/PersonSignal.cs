namespace Middleware.Core.Signals;

/// <summary>What a person can tell the service about a post: the events of the feed interactions
/// API (modelled on Bluesky's <c>app.bsky.feed.sendInteractions</c>) and the votes of the vote page.</summary>
public enum SignalEvent
{
    /// <summary>"Show more like this": an endorsement.</summary>
    RequestMore,
    /// <summary>"Show less like this": a disagreement.</summary>
    RequestLess,
    /// <summary>The post was on the person's screen: an impression.</summary>
    Seen,
    /// <summary>The person favourited it in their app: an endorsement.</summary>
    Like,
    /// <summary>The person boosted it in their app: an endorsement.</summary>
    Boost,
    /// <summary>The person replied: not a rating (a reply may agree or argue).</summary>
    Reply,
    /// <summary>The person opened the post or its link: seen.</summary>
    Clickthrough,
    /// <summary>Vote page: agree (an endorsement).</summary>
    Agree,
    /// <summary>Vote page: disagree (a disagreement).</summary>
    Disagree,
    /// <summary>Vote page: pass (seen, no opinion given).</summary>
    Pass,
}

/// <summary>One signal a person gave about one post through the service.</summary>
/// <param name="Person">The person's actor URI (their account on their home instance).</param>
/// <param name="PostUri">The post's ActivityPub id.</param>
/// <param name="Feed">The feed it was given in.</param>
/// <param name="FeedContext">The opaque <c>feedContext</c> of the skeleton item, echoed back, if any.</param>
/// <param name="RequestId">The <c>reqId</c> of the skeleton response, echoed back, if any.</param>
public sealed record PersonSignal(
    string Person, string PostUri, SignalEvent Event, string Feed, DateTimeOffset At,
    string? FeedContext = null, string? RequestId = null);

/// <summary>How a batch of signals was stored.</summary>
/// <param name="Stored">Signals stored now.</param>
/// <param name="Repeated">Signals already stored for the same (person, post, event), left as they were.</param>
public sealed record SignalWriteResult(int Stored, int Repeated);
