using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Middleware.ActivityPub.Streams;
using Middleware.Core.Accounts;

namespace Middleware.Server.ClientApi;

/// <summary>Finds posts, named by their ActivityPub <c>uri</c>, as Status entities of a person's home
/// instance, with the person's token: apps favourite, boost and reply by the home instance's status
/// id, so a post served from a feed must be the home instance's own Status (ADR 0019, ADR 0023).
/// The first time, a post is searched for (<c>GET /api/v2/search?q=&lt;uri&gt;&amp;resolve=true</c>, what an
/// app does with a pasted link); the id found is remembered per instance (a status has one id at an
/// instance, whoever reads it), and later the statuses are fetched fresh by id, many at once
/// (<c>GET /api/v1/statuses?id[]=…</c>, Mastodon 4.3) or one by one where that is missing.
/// Every answer must be the post asked for (same <c>uri</c>); anything else counts as not found.</summary>
public sealed class HomeStatusLookup(HomeInstanceClient home, IOptions<ClientApiOptions> options, ILogger<HomeStatusLookup> logger)
    : IDisposable
{
    /// <summary>Mastodon answers at most this many ids per <c>GET /api/v1/statuses</c>.</summary>
    private const int IdsPerRequest = 20;

    private readonly MemoryCache ids = new(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.StatusIdCacheEntries) });

    // Instances that answered the multi-status call with "no such route" (before Mastodon 4.3, other servers).
    private readonly ConcurrentDictionary<string, bool> oneByOne = new(StringComparer.Ordinal);

    /// <summary>The statuses in the order of <paramref name="postUris"/>; null where the instance does not
    /// find the post (or not within <see cref="ClientApiOptions.FeedPostLookupBudget"/>: those are left out
    /// rather than holding up the answer).</summary>
    public async Task<HomeStatus?[]> FindAsync(ClientAccount account, string upstreamToken, IReadOnlyList<string> postUris, CancellationToken ct)
    {
        var found = new HomeStatus?[postUris.Count];
        if (postUris.Count == 0)
            return found;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(options.Value.FeedPostLookupBudget);
        var host = account.InstanceHost;
        try
        {
            var known = Enumerable.Range(0, postUris.Count)
                .Select(i => (Index: i, Id: ids.TryGetValue((host, postUris[i]), out string? id) ? id : null))
                .Where(k => k.Id is not null).ToList();
            if (known.Count > 0)
                await FetchByIdAsync(account, upstreamToken, postUris, known!, found, budget.Token);
            // Posts never looked up at this instance are searched for; a known id that no longer answers
            // (deleted there, or hidden from this person) is forgotten, and searched for next time.
            var unknown = Enumerable.Range(0, postUris.Count).Where(i => found[i] is null && known.All(k => k.Index != i)).ToList();
            await Parallel.ForEachAsync(unknown,
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.FeedPostLookups), CancellationToken = budget.Token },
                async (i, token) => found[i] = await SearchAsync(account, upstreamToken, postUris[i], token));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            logger.LogInformation("Looking up {Count} posts at {Host} took longer than {Budget}; going on with those found",
                postUris.Count, host, options.Value.FeedPostLookupBudget);
        }
        return found;
    }

    private async Task FetchByIdAsync(ClientAccount account, string upstreamToken, IReadOnlyList<string> postUris,
        List<(int Index, string Id)> known, HomeStatus?[] found, CancellationToken ct)
    {
        var host = account.InstanceHost;
        var byId = new Dictionary<string, HomeStatus>(StringComparer.Ordinal);
        if (!oneByOne.ContainsKey(host))
        {
            foreach (var chunk in known.Chunk(IdsPerRequest))
            {
                var query = new StringBuilder("/api/v1/statuses?");
                query.AppendJoin('&', chunk.Select(k => "id[]=" + Uri.EscapeDataString(k.Id)));
                var answer = await TrySendAsync(account, upstreamToken, query.ToString(), ct);
                if (answer is { Status: 404 or 405 })
                {
                    // No multi-status call at this instance: fetch one by one from now on.
                    oneByOne[host] = true;
                    break;
                }
                foreach (var status in StatusesIn(answer, array: true, host))
                    byId[status.Id] = status;
            }
        }
        if (oneByOne.ContainsKey(host))
        {
            var missing = known.Where(k => !byId.ContainsKey(k.Id)).ToList();
            var single = new HomeStatus?[missing.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, missing.Count),
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.FeedPostLookups), CancellationToken = ct },
                async (i, token) => single[i] = StatusesIn(
                    await TrySendAsync(account, upstreamToken, "/api/v1/statuses/" + Uri.EscapeDataString(missing[i].Id), token),
                    array: false, host).FirstOrDefault());
            foreach (var status in single.OfType<HomeStatus>())
                byId[status.Id] = status;
        }
        foreach (var (index, id) in known)
        {
            if (byId.TryGetValue(id, out var status) && status.Candidate.PostUri == postUris[index])
                found[index] = status;
            else
                ids.Remove((host, postUris[index]));
        }
    }

    private async Task<HomeStatus?> SearchAsync(ClientAccount account, string upstreamToken, string postUri, CancellationToken ct)
    {
        var answer = await TrySendAsync(account, upstreamToken,
            $"/api/v2/search?q={Uri.EscapeDataString(postUri)}&type=statuses&resolve=true&limit=1", ct);
        var status = StatusesIn(answer, array: false, account.InstanceHost, member: "statuses").FirstOrDefault();
        // A search, not a lookup: the instance may answer with another post, which does not count.
        if (status is null || status.Candidate.PostUri != postUri)
            return null;
        ids.Set((account.InstanceHost, postUri), status.Id, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromDays(1) });
        return status;
    }

    /// <summary>The answer, or null when the instance could not be reached (logged; the post is left out).</summary>
    private async Task<HomeInstanceClient.Answer?> TrySendAsync(ClientAccount account, string upstreamToken, string pathAndQuery,
        CancellationToken ct)
    {
        try
        {
            var answer = await home.SendAsync(account.InstanceHost, HttpMethod.Get, pathAndQuery, upstreamToken, null, ct);
            if (answer.Status is < 200 or > 299)
                logger.LogDebug("{Host} answered {Status} to {Path}", account.InstanceHost, answer.Status, pathAndQuery.Split('?')[0]);
            return answer;
        }
        catch (UpstreamException e)
        {
            logger.LogDebug(e, "Could not ask {Host} for {Path}", account.InstanceHost, pathAndQuery.Split('?')[0]);
            return null;
        }
    }

    /// <summary>The readable statuses of a successful answer: an array, a single Status, or (for a
    /// search) the array under <paramref name="member"/>. Anything unreadable is no status.</summary>
    private static IEnumerable<HomeStatus> StatusesIn(HomeInstanceClient.Answer? answer, bool array, string host, string? member = null)
    {
        if (answer is not { Status: >= 200 and <= 299 })
            return [];
        try
        {
            using var json = JsonDocument.Parse(answer.Body);
            var root = json.RootElement;
            IEnumerable<JsonElement> items = member is not null
                ? root.ValueKind == JsonValueKind.Object ? root.Items(member) : []
                : array ? root.ValueKind == JsonValueKind.Array ? root.EnumerateArray() : [] : [root];
            return items.Select(s => HomeStatus.Read(s, host)).OfType<HomeStatus>().ToList();
        }
        catch (JsonException)
        {
            return [];
        }
    }

    public void Dispose() => ids.Dispose();
}
