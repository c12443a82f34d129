using System.Text.Json.Nodes;
using Middleware.Interop.Tests.Federation;
using Middleware.Interop.Tests.Peer;
using Middleware.Interop.Tests.Service;
using Middleware.Tests.Shared.Postgres;
using Xunit.Abstractions;

namespace Middleware.Interop.Tests.Cluster;

/// <summary>Two service processes on one PostgreSQL database behind one front door, a real Fedify peer
/// talking to it. Node A takes the inbox traffic and leads; it is SIGKILLed mid-flood. Node B must then
/// take the inbox (the peer retries what got no 202), finish what A had claimed once A's leases run
/// out, serve everything A stored, and take over the feed's boosting — which happens once per
/// interval across the two nodes, never once per node.</summary>
public sealed class TwoNodeTests(ITestOutputHelper output)
{
    private const int Notes = 120;
    private const int Wave = 8;
    private const int FirstLiked = 80;
    private const int KillAfterWave = 6;
    private const int BoostIntervalSeconds = 60;

    [PostgresFact]
    public async Task Node_A_killed_mid_flood_node_B_takes_over_nothing_lost_or_doubled_and_the_feed_boosts_once_per_interval()
    {
        await using var network = await ClusterNetwork.StartAsync();
        var (a, b, peer) = (network.A, network.B, network.Peer);
        // Inbox POSTs go to A while it lives; everything else (actor and key fetches) to B.
        network.Door.Route = request => request.Method == "POST" && request.Path.Value!.EndsWith("/inbox", StringComparison.Ordinal)
            ? [a, b]
            : [b, a];

        // One leader for the singleton work, and both nodes agree which: A, which started first.
        var leading = await a.WaitUntilAsync(() => LeadingAsync(a, b), l => l.A != l.B, "one leader", TimeSpan.FromSeconds(30));
        Assert.True(leading.A, "A, started first, leads");

        var feed = await a.CreateFeedAsync(new { name = "buurt", displayName = "Buurt", ranker = "chronological", boostIntervalSeconds = BoostIntervalSeconds });
        await peer.FollowAsync("bob", feed);
        await peer.WaitForReceivedAsync("bob", r => r.Type == "Accept", TimeSpan.FromSeconds(30));

        var noteIds = Enumerable.Range(0, Notes).Select(_ => RawActivities.NewNoteId(peer, "alice")).ToList();
        var waves = noteIds.Select((id, i) => (Index: i, Id: id)).Chunk(Wave).Select(wave =>
            wave.Select(n => ("alice", RawActivities.Create(peer, "alice", n.Id, $"note {n.Index}")))
                .Concat(wave.Where(n => n.Index >= FirstLiked).Select(n => ("bob", RawActivities.Like(peer, "bob", n.Id))))
                .ToList()).ToList();

        var unacknowledged = new List<(string, JsonObject)>();
        for (var i = 0; i < waves.Count; i++)
        {
            if (i == KillAfterWave)
            {
                // While both nodes live, each entry is processed by one of them, never by both.
                var drained = await b.WaitForStatsAsync(s => s.InboxPending == 0 && s.Posts + unacknowledged.Count >= i * Wave,
                    "both nodes drained the first waves", TimeSpan.FromSeconds(60));
                var (byA, byB) = (await ClusterNetwork.InboxDoneByAsync(a), await ClusterNetwork.InboxDoneByAsync(b));
                output.WriteLine($"Done before the kill: {drained.InboxDone} entries; A processed {byA}, B {byB}");
                Assert.True(byA + byB == drained.InboxDone, $"A processed {byA} and B {byB} of {drained.InboxDone} entries\n{network.Logs}");

                // A wave in flight while A dies: some of it is acknowledged by A, some never answered.
                var inFlight = SendAsync(network, waves[i]);
                await a.KillAsync();
                var killedAt = DateTimeOffset.UtcNow;
                unacknowledged.AddRange(Unacknowledged(waves[i], await inFlight));
                // The dead leader's session ends with its process: B takes the singleton work over.
                await b.WaitUntilAsync(async () => await IsLeadingAsync(b), l => l, "B leads", TimeSpan.FromSeconds(30));
                output.WriteLine($"B leads {(DateTimeOffset.UtcNow - killedAt).TotalSeconds:0.0} s after A was killed");
                continue;
            }
            unacknowledged.AddRange(Unacknowledged(waves[i], await SendAsync(network, waves[i])));
        }
        output.WriteLine($"Not acknowledged in the flood (sent again, now to B): {unacknowledged.Count}");
        // A peer retries what got no 202: the front door now has only B.
        Assert.All(await SendAsync(network, unacknowledged), status => Assert.Equal(202, status));

        var likes = Notes - FirstLiked;
        // A's claims run out, then B processes what A had claimed but not finished. Meanwhile bob's
        // likes of alice's notes held by dead A wait (the second retry of an unknown post comes after
        // a minute, past A's leases), so none is dropped.
        var stats = await b.WaitForStatsAsync(s => s.InboxPending == 0 && s.Posts >= Notes && s.Interactions >= likes,
            "B drained the inbox, including what A had claimed", TimeSpan.FromSeconds(180));
        Assert.True(stats.Posts == Notes && stats.Interactions == likes, $"{stats}\n{network.Logs}");
        Assert.Equal(0, stats.InboxRejected + stats.InboxFailed);
        for (var i = 0; i < Notes; i++)
        {
            // Stored through A or B, served by B.
            var post = await b.GetPostAsync(noteIds[i]);
            Assert.True(post is not null, $"note {i} missing on B\n{network.Logs}");
            Assert.Contains($"note {i}", post.Value.GetProperty("text").GetString());
            Assert.True((i >= FirstLiked ? 1 : 0) == post.Value.GetProperty("favourites").GetInt32(), $"favourites of note {i}: {post}");
        }

        // The first boost came from the leader, A; the next one is due an interval later and only B
        // is left to send it, which it can only do once it leads.
        var announces = await b.WaitUntilAsync(() => Announces(peer), received => received.Count >= 2,
            "a second boost, sent by B", TimeSpan.FromSeconds(BoostIntervalSeconds + 30 + 60));
        output.WriteLine(string.Join("\n", announces.Select(r => $"{r.ReceivedAt:HH:mm:ss.fff} {r.Object}")));
        Assert.All(announces, r => Assert.Equal(feed, r.Actor));
        Assert.Equal(announces.Count, announces.Select(r => r.Object).Distinct().Count());
        for (var i = 1; i < announces.Count; i++)
        {
            // Decided an interval apart; received with a few seconds of delivery jitter at most.
            var gap = announces[i].ReceivedAt - announces[i - 1].ReceivedAt;
            Assert.True(gap > TimeSpan.FromSeconds(BoostIntervalSeconds - 10), $"two boosts {gap.TotalSeconds:0.0} s apart\n{network.Logs}");
        }
    }

    private static async Task<(bool A, bool B)> LeadingAsync(MiddlewareProcess a, MiddlewareProcess b) =>
        (await IsLeadingAsync(a), await IsLeadingAsync(b));

    private static async Task<bool> IsLeadingAsync(MiddlewareProcess node) =>
        (await node.GetJsonAsync("/api/admin/cluster")).GetProperty("leading").GetBoolean();

    private static async Task<List<ReceivedActivity>> Announces(FedifyPeer peer) =>
        (await peer.GetReceivedAsync("bob", null)).Where(r => r.Type == "Announce").OrderBy(r => r.ReceivedAt).ToList();

    private static IEnumerable<(string, JsonObject)> Unacknowledged(IReadOnlyList<(string, JsonObject)> sent, int[] statuses) =>
        sent.Where((_, i) => statuses[i] != 202);

    /// <summary>Sends in parallel through the front door.</summary>
    private static Task<int[]> SendAsync(ClusterNetwork network, IReadOnlyList<(string Account, JsonObject Activity)> sends) =>
        RawActivities.SendAllAsync(network.Peer, $"{network.Door.Url.ToString().TrimEnd('/')}/inbox", sends);
}
