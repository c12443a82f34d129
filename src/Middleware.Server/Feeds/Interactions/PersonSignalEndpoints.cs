using Microsoft.Extensions.Options;
using Middleware.Core.Signals;
using Middleware.Ranking.Bridging;
using Middleware.Server.ClientApi;
using Middleware.Server.Feeds.Open;

namespace Middleware.Server.Feeds.Interactions;

/// <summary><c>GET</c> and <c>DELETE /api/v1/feeds/signals</c>: everything the service recorded about the
/// person whose token it is, and deleting it. Both work whether or not the person is opted in now: someone
/// who opted out must still be able to see and delete what was kept.</summary>
public static class PersonSignalEndpoints
{
    private const string NotListed =
        "Your favourites, boosts and replies are public acts on the network: the service keeps them as it keeps "
        + "everyone's (the author's server and the network's counts have them too), so they are not listed or deleted here.";

    /// <summary>Answers <c>{"person", "recordInteractions", "signals":[…], "impressions":[…],
    /// "showLess":[…], "follows":{"readAt", "accounts":[…]}, "notListed"}</c>, each entry with its kind and
    /// times. Needs <c>read</c> or <c>read:accounts</c>; 401 without a valid token.</summary>
    public static async Task<IResult> ReadAsync(HttpRequest request, ClientCallers callers, IPersonDataStore store, CancellationToken ct)
    {
        var (caller, error) = await callers.ResolveAsync(request, userRequired: true, ct, ClientScopes.ReadAccounts);
        if (caller is null)
            return error!;
        var person = caller.Account!;
        var data = await store.ReadAsync(person.ActorUri, ct);
        return Results.Ok(new
        {
            person = person.ActorUri,
            recordInteractions = person.Preference.RecordInteractions,
            signals = data.Signals.Select(s => new
            {
                kind = InteractionEvents.NameOf(s.Event),
                post = s.PostUri,
                feed = s.Feed,
                at = s.At,
                feedContext = s.FeedContext,
                reqId = s.RequestId,
                servedAt = FeedContext.Decode(s.FeedContext),
            }),
            impressions = data.Impressions.Select(i => new
            {
                kind = "impression", post = i.PostUri, feed = i.Feed, firstServedAt = i.FirstServedAt, lastServedAt = i.LastServedAt, times = i.Times,
            }),
            showLess = data.ShowLess.Select(d => new { kind = "showLess", post = d.PostUri, at = d.At }),
            follows = new
            {
                readAt = data.FollowsReadAt,
                accounts = data.Follows.Select(f => new { kind = "follow", account = f.AccountUri, recordedAt = f.RecordedAt }),
            },
            notListed = NotListed,
        });
    }

    /// <summary>Deletes it all in one transaction and answers
    /// <c>{"deleted":{"signals","impressions","showLess","follows"}, "takesEffect", "recordInteractions"}</c>.
    /// Rankings made from then on count none of it; the bridging model, fitted in the background, forgets
    /// it at its next refit. Deleting does not opt out: while recording is on, what the person does next
    /// is recorded again. Needs <c>write</c> or <c>write:accounts</c>; 401 without a valid token.</summary>
    public static async Task<IResult> DeleteAsync(
        HttpRequest request, ClientCallers callers, IPersonDataStore store, IOptions<BridgingOptions> bridging,
        IOptions<OpenFeedOptions> feeds, CancellationToken ct)
    {
        var (caller, error) = await callers.ResolveAsync(request, userRequired: true, ct, ClientScopes.WriteAccounts);
        if (caller is null)
            return error!;
        var person = caller.Account!;
        var deleted = await store.DeleteAsync(person.ActorUri, ct);
        var recording = person.Preference.RecordInteractions;
        return Results.Ok(new
        {
            deleted = new { signals = deleted.Signals, impressions = deleted.Impressions, showLess = deleted.ShowLess, follows = deleted.Follows },
            takesEffect = $"Rankings made from now on count none of it (feeds rank again after {feeds.Value.FreshSeconds:0.#} seconds); "
                + $"the bridging model forgets it at its next refit, at most {bridging.Value.RefitInterval.TotalMinutes:0.#} minutes from now.",
            recordInteractions = recording,
            notice = recording
                ? "Recording is still on: what you do from now on is recorded again. Opt out with PUT /api/v1/preferences/ranking {\"recordInteractions\":false}."
                : null,
        });
    }
}
