using System.Text.Json;
using Microsoft.Extensions.Options;
using Middleware.ActivityPub.Streams;
using Middleware.Core.Accounts;
using Middleware.Core.Feeds;
using Middleware.Server.Feeds.Open;

namespace Middleware.Server.ClientApi;

/// <summary>The posts a feed adds to the home timeline of a person who chose it: the top of the
/// feed's current ranking (its sources, consenting authors and filters; shared with the open feed
/// API, so adding them costs no ranking) that the home timeline does not already hold, each looked
/// up at the person's home instance (<c>GET /api/v2/search?resolve=true</c>, as an app does for a
/// pasted link) so that the app gets a Status with the home instance's own id, which favourites,
/// boosts and replies need. A post the instance cannot find in time is left out.</summary>
public sealed class HomeFeedPosts(
    FeedSnapshotCache snapshots, HomeInstanceClient home, IOptions<ClientApiOptions> options, ILogger<HomeFeedPosts> logger)
{
    /// <summary>Up to <see cref="Feed.HomeCandidates"/> statuses, in the feed's order.</summary>
    /// <param name="feed">The chosen feed.</param>
    /// <param name="account">Whose home instance looks the posts up.</param>
    /// <param name="upstreamToken">Their token there.</param>
    /// <param name="present">Post URIs already in the home timeline window.</param>
    /// <param name="followed">Authors the person follows (seen posting in their home timeline).</param>
    public async Task<IReadOnlyList<HomeStatus>> ReadAsync(Feed feed, ClientAccount account, string upstreamToken,
        IReadOnlySet<string> present, IReadOnlySet<string> followed, CancellationToken ct)
    {
        if (feed.HomeCandidates <= 0)
            return [];
        var snapshot = await snapshots.CurrentAsync(feed, ct);
        var wanted = snapshot.Items.Select(i => i.PostUri).Where(uri => !present.Contains(uri)).Take(feed.HomeCandidates).ToList();
        if (wanted.Count == 0)
            return [];

        var found = new HomeStatus?[wanted.Count];
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(options.Value.FeedPostLookupBudget);
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, wanted.Count),
                new ParallelOptions { MaxDegreeOfParallelism = options.Value.FeedPostLookups, CancellationToken = budget.Token },
                async (i, token) => found[i] = await LookUpAsync(account, upstreamToken, wanted[i], token));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            logger.LogInformation("Looking up feed {Feed}'s posts at {Host} took longer than {Budget}; the home timeline goes on with those found",
                feed.Name, account.InstanceHost, options.Value.FeedPostLookupBudget);
        }
        return found.OfType<HomeStatus>()
            .Select(s => s with { Candidate = s.Candidate with { ViewerFollowsAuthor = followed.Contains(s.Candidate.Author) } })
            .ToList();
    }

    private async Task<HomeStatus?> LookUpAsync(ClientAccount account, string upstreamToken, string postUri, CancellationToken ct)
    {
        try
        {
            var answer = await home.SendAsync(account.InstanceHost, HttpMethod.Get,
                $"/api/v2/search?q={Uri.EscapeDataString(postUri)}&type=statuses&resolve=true&limit=1", upstreamToken, null, ct);
            if (answer.Status is < 200 or > 299)
            {
                logger.LogDebug("{Host} answered {Status} when asked for {Post}", account.InstanceHost, answer.Status, postUri);
                return null;
            }
            using var json = JsonDocument.Parse(answer.Body);
            var status = json.RootElement.ValueKind == JsonValueKind.Object ? json.RootElement.Items("statuses").FirstOrDefault() : default;
            if (status.ValueKind != JsonValueKind.Object || HomeStatus.Read(status, account.InstanceHost) is not { } read)
                return null;
            // The instance may answer with a different post (a search, not a lookup): only the one asked for counts.
            return read.Candidate.PostUri == postUri ? read : null;
        }
        catch (Exception e) when (e is UpstreamException or JsonException)
        {
            logger.LogDebug(e, "Could not look up {Post} at {Host}", postUri, account.InstanceHost);
            return null;
        }
    }
}
