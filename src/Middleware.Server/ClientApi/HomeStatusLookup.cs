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
/// Every answer must be the post asked for (same <c>uri</c>); anything else counts as not found.
/// A post is "not found" only when the instance answered; when it failed, refused for a while (429,
/// 5xx), or the budget ran out first, the post is <see cref="Lookup.Unanswered"/> and its id is kept.</summary>
public sealed class HomeStatusLookup(HomeInstanceClient home, IOptions<ClientApiOptions> options, ILogger<HomeStatusLookup> logger)
    : IDisposable
{
    /// <summary>Mastodon answers at most this many ids per <c>GET /api/v1/statuses</c>.</summary>
    private const int IdsPerRequest = 20;

    private readonly MemoryCache ids = new(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.StatusIdCacheEntries) });

    // Instances that answered the multi-status call with "no such route" (before Mastodon 4.3, other servers).
    private readonly ConcurrentDictionary<string, bool> oneByOne = new(StringComparer.Ordinal);

    /// <summary>What the instance said of one post: its status, or (answered, no status) that it has
    /// no such post for this person, or nothing yet (<see cref="Unanswered"/>).</summary>
    public readonly record struct Lookup(HomeStatus? Status, bool Answered)
    {
        public static readonly Lookup Unanswered = new(null, false);
        public static readonly Lookup NotFound = new(null, true);
    }

    /// <summary>The lookups in the order of <paramref name="postUris"/>. Those the instance did not answer
    /// within <see cref="ClientApiOptions.FeedPostLookupBudget"/> are unanswered rather than holding up
    /// the answer.</summary>
    public async Task<Lookup[]> FindAsync(ClientAccount account, string upstreamToken, IReadOnlyList<string> postUris, CancellationToken ct)
    {
        var found = new Lookup[postUris.Count];
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
            var unknown = Enumerable.Range(0, postUris.Count).Where(i => known.All(k => k.Index != i)).ToList();
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

    /// <summary>Statuses by their remembered ids. An id the instance answered without (deleted there,
    /// or hidden from this person), or with another post, is forgotten: the post is searched for next
    /// time. An id whose request failed is kept, and its post stays unanswered.</summary>
    private async Task FetchByIdAsync(ClientAccount account, string upstreamToken, IReadOnlyList<string> postUris,
        List<(int Index, string Id)> known, Lookup[] found, CancellationToken ct)
    {
        var host = account.InstanceHost;
        var byId = new Dictionary<string, HomeStatus>(StringComparer.Ordinal);
        var answered = new HashSet<string>(StringComparer.Ordinal);
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
                if (!Succeeded(answer))
                    continue;
                answered.UnionWith(chunk.Select(k => k.Id));
                foreach (var status in StatusesIn(answer, array: true, host))
                    byId[status.Id] = status;
            }
        }
        if (oneByOne.ContainsKey(host))
        {
            var missing = known.Where(k => !answered.Contains(k.Id)).ToList();
            var single = new HomeInstanceClient.Answer?[missing.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, missing.Count),
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.FeedPostLookups), CancellationToken = ct },
                async (i, token) => single[i] = await TrySendAsync(account, upstreamToken, "/api/v1/statuses/" + Uri.EscapeDataString(missing[i].Id), token));
            for (var i = 0; i < missing.Count; i++)
            {
                if (single[i] is { Status: 404 or 410 } || Succeeded(single[i]))
                    answered.Add(missing[i].Id);
                foreach (var status in StatusesIn(single[i], array: false, host))
                    byId[status.Id] = status;
            }
        }
        foreach (var (index, id) in known)
        {
            if (byId.TryGetValue(id, out var status) && status.Candidate.PostUri == postUris[index])
                found[index] = new Lookup(status, true);
            else if (answered.Contains(id))
            {
                found[index] = Lookup.NotFound;
                ids.Remove((host, postUris[index]));
            }
        }
    }

    private async Task<Lookup> SearchAsync(ClientAccount account, string upstreamToken, string postUri, CancellationToken ct)
    {
        var answer = await TrySendAsync(account, upstreamToken,
            $"/api/v2/search?q={Uri.EscapeDataString(postUri)}&type=statuses&resolve=true&limit=1", ct);
        if (!Succeeded(answer))
            return Lookup.Unanswered;
        var status = StatusesIn(answer, array: false, account.InstanceHost, member: "statuses").FirstOrDefault();
        // A search, not a lookup: the instance may answer with another post, which does not count.
        if (status is null || status.Candidate.PostUri != postUri)
            return Lookup.NotFound;
        ids.Set((account.InstanceHost, postUri), status.Id, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromDays(1) });
        return new Lookup(status, true);
    }

    /// <summary>A successful answer; failures, refusals for a while (429) and server errors are not
    /// answers about the post.</summary>
    private static bool Succeeded(HomeInstanceClient.Answer? answer) => answer is { Status: >= 200 and <= 299 };

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
        if (answer is not { Status: >= 200 and <= 299 } ok)
            return [];
        try
        {
            using var json = JsonDocument.Parse(ok.Body);
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
