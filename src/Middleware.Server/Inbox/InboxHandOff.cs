using System.Collections.Concurrent;
using Middleware.Core.Inbox;

namespace Middleware.Server.Inbox;

/// <summary>Entries this node stored already claimed for itself, passed from the
/// <see cref="InboxWriter"/> to the <see cref="InboxWorker"/> in memory, so that the worker need not
/// claim them and read them back (ADR 0042). The worker holds at most about <see cref="Capacity"/>
/// entries this way: beyond that, appended entries stay unclaimed for whichever node has room, and
/// the writer says so (<see cref="TakeUnclaimed"/>) so that the worker claims them when it can.</summary>
public sealed class InboxHandOff
{
    /// <summary>Entries the worker may hold through hand-offs: buffered, running and not yet taken.</summary>
    public const int Capacity = 512;

    private readonly ConcurrentQueue<InboxEntry> _queue = new();
    private int _queued;
    private int _held;
    private int _unclaimed;
    private volatile bool _open;

    /// <summary>How many more entries the writer may claim for the worker now; none unless the
    /// worker is running.</summary>
    public int Room => _open ? Math.Max(0, Capacity - Volatile.Read(ref _held) - Volatile.Read(ref _queued)) : 0;

    /// <summary>The writer stored <paramref name="claimed"/> claimed for this node, and (when
    /// <paramref name="unclaimedStored"/>) other entries it did not claim.</summary>
    public void Give(IReadOnlyCollection<InboxEntry> claimed, bool unclaimedStored)
    {
        foreach (var entry in claimed)
            _queue.Enqueue(entry);
        Interlocked.Add(ref _queued, claimed.Count);
        if (unclaimedStored)
            Volatile.Write(ref _unclaimed, 1);
    }

    /// <summary>The entries given since the last take, oldest first.</summary>
    public List<InboxEntry> Take()
    {
        var taken = new List<InboxEntry>();
        while (_queue.TryDequeue(out var entry))
            taken.Add(entry);
        Interlocked.Add(ref _queued, -taken.Count);
        return taken;
    }

    /// <summary>True once after the writer stored entries it did not claim.</summary>
    public bool TakeUnclaimed() => Interlocked.Exchange(ref _unclaimed, 0) == 1;

    /// <summary>The worker's own count of entries it holds (buffered and running).</summary>
    public void Holding(int count) => Volatile.Write(ref _held, count);

    /// <summary>The worker takes hand-offs from now on.</summary>
    public void Open() => _open = true;

    /// <summary>The worker is stopping: no more claims for it. A batch already being written may still
    /// give entries; the worker takes them before it releases what it holds, and any later ones are
    /// released when their lease runs out.</summary>
    public void Close() => _open = false;
}
