using Middleware.Core.Signals;

namespace Middleware.Data.Signals;

/// <summary>How each <see cref="SignalEvent"/> is stored in <c>person_signals.event</c>: fixed
/// lower-case text, mapped by hand as <see cref="EnumText"/> does, so renaming a member never changes
/// what is stored. The SQL that reads the table (rating source, candidate features) names these texts.</summary>
internal static class SignalEventText
{
    public static string From(SignalEvent value) => value switch
    {
        SignalEvent.RequestMore => "request_more",
        SignalEvent.RequestLess => "request_less",
        SignalEvent.Seen => "seen",
        SignalEvent.Like => "like",
        SignalEvent.Boost => "boost",
        SignalEvent.Reply => "reply",
        SignalEvent.Clickthrough => "clickthrough",
        SignalEvent.Agree => "agree",
        SignalEvent.Disagree => "disagree",
        SignalEvent.Pass => "pass",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, $"No stored text for SignalEvent.{value}."),
    };

    public static SignalEvent ToEvent(string text) => text switch
    {
        "request_more" => SignalEvent.RequestMore,
        "request_less" => SignalEvent.RequestLess,
        "seen" => SignalEvent.Seen,
        "like" => SignalEvent.Like,
        "boost" => SignalEvent.Boost,
        "reply" => SignalEvent.Reply,
        "clickthrough" => SignalEvent.Clickthrough,
        "agree" => SignalEvent.Agree,
        "disagree" => SignalEvent.Disagree,
        "pass" => SignalEvent.Pass,
        _ => throw new InvalidOperationException($"Stored value '{text}' is not a known SignalEvent."),
    };

    /// <summary>Votes: one per (person, post, feed), a new one replacing the old.</summary>
    public static bool IsVote(SignalEvent value) => value is SignalEvent.Agree or SignalEvent.Disagree or SignalEvent.Pass;
}
