using Middleware.Core.Signals;

namespace Middleware.Server.Web.Votes;

/// <summary>The three answers of the vote page, as the form sends them.</summary>
public static class VoteChoice
{
    public static SignalEvent? Parse(string? value) => value switch
    {
        "agree" => SignalEvent.Agree,
        "disagree" => SignalEvent.Disagree,
        "pass" => SignalEvent.Pass,
        _ => null,
    };
}
