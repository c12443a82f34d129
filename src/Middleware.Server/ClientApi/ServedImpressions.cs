using Middleware.Core.Accounts;
using Middleware.Core.Ranking;

namespace Middleware.Server.ClientApi;

/// <summary>The public statuses served to a person who opted in to recording, as impressions in a feed
/// (<c>home</c> for the home timeline). Only public statuses leave a trace; a failure to record is
/// logged and the page is served all the same.</summary>
public static class ServedImpressions
{
    public static async Task RecordAsync(ISignalRecorder signals, ClientAccount account, string feed, IEnumerable<HomeStatus> served,
        TimeProvider clock, ILogger logger, CancellationToken ct)
    {
        if (!account.Preference.RecordInteractions)
            return;
        var shown = served.Where(s => s.IsPublic).Select(s => s.Candidate.PostUri).ToList();
        if (shown.Count == 0)
            return;
        try
        {
            await signals.RecordImpressionsAsync(account.ActorUri, feed, shown, clock.GetUtcNow(), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Could not record the impressions of account {Account} in feed {Feed}", account.Id, feed);
        }
    }
}
