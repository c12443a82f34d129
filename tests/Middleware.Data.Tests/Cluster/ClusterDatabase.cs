using Middleware.Core.Cluster;
using Middleware.Core.Inbox;
using Middleware.Data.Inbox;
using Middleware.Data.Ingest;

namespace Middleware.Data.Tests.Cluster;

/// <summary>Two nodes on one test database: each with its own identity, claims and writer, as two
/// service processes would have.</summary>
public abstract class ClusterDatabase : TestDatabase
{
    protected static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    protected NodeIdentity NodeA { get; } = new("node-a");
    protected NodeIdentity NodeB { get; } = new("node-b");

    protected InboxClaims ClaimsOf(NodeIdentity node) => new(Db, node);

    protected InboxStore InboxOf(NodeIdentity node) => new(Db, Clock, node);

    /// <summary>A node's writer; dispose it (await using) before the test ends, as it keeps a connection.</summary>
    protected ChangeWriter WriterOf(NodeIdentity node) => new(Db, Clock, node);

    protected Task<IReadOnlyList<InboxEntry>> ClaimAsync(NodeIdentity node, int max, long afterId = 0) =>
        ClaimsOf(node).ClaimAsync(max, Clock.Now, Clock.Now + Lease, afterId);

    /// <summary>Appends one entry per (actor, number), in the order given; returns their ids in that order.</summary>
    protected async Task<IReadOnlyList<long>> AppendAsync(params (string Actor, int Number)[] entries)
    {
        var store = InboxOf(NodeA);
        await store.AppendAsync(entries.Select(NewEntry).ToList());
        var all = await store.TakePendingAsync(100_000, Clock.Now.AddYears(1));
        return entries.Select(e => all.Single(a => a.ActivityId.EndsWith($"/{e.Actor}-{e.Number}/activity", StringComparison.Ordinal)).Id).ToList();
    }

    /// <summary>The entry <see cref="AppendAsync"/> stores for (actor, number).</summary>
    protected NewInboxEntry NewEntry((string Actor, int Number) entry) =>
        Samples.InboxEntry($"{entry.Actor}-{entry.Number}", Clock.Now) with
        {
            ActorUri = $"https://remote.example/users/{entry.Actor}",
            SignerUri = $"https://remote.example/users/{entry.Actor}",
        };
}
