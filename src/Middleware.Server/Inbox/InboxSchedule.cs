using Middleware.Core.Inbox;

namespace Middleware.Server.Inbox;

/// <summary>Which read entries may start: at most one per actor in flight (so an actor's
/// activities apply in order), at most <c>maxInFlight</c> in all, oldest first.</summary>
internal sealed class InboxSchedule(int maxInFlight)
{
    private readonly SortedDictionary<long, InboxEntry> _buffer = new();
    private readonly Dictionary<long, (string Actor, Task Work)> _running = new();
    private readonly HashSet<string> _busyActors = new(StringComparer.Ordinal);

    public int Buffered => _buffer.Count;
    public int InFlight => _running.Count;

    /// <summary>The entries whose claims this node must keep: buffered and in flight.</summary>
    public IReadOnlyCollection<long> Held => [.. _buffer.Keys, .. _running.Keys];

    /// <summary>The highest id a claim returned: the next claim for new arrivals starts above it.</summary>
    public long LastId { get; private set; }

    /// <summary>Entries a claim returned.</summary>
    public void AddClaimed(IEnumerable<InboxEntry> entries)
    {
        foreach (var entry in entries)
        {
            LastId = Math.Max(LastId, entry.Id);
            Buffer(entry);
        }
    }

    /// <summary>Entries the writer claimed and handed over (<see cref="InboxHandOff"/>). They leave
    /// <see cref="LastId"/> alone: an entry of the same batch that was not handed over may lie below
    /// them, and the next claim must still find it.</summary>
    public void AddHanded(IEnumerable<InboxEntry> entries)
    {
        foreach (var entry in entries)
            Buffer(entry);
    }

    private void Buffer(InboxEntry entry)
    {
        if (!_running.ContainsKey(entry.Id))
            _buffer.TryAdd(entry.Id, entry);
    }

    public IReadOnlyList<InboxEntry> Startable()
    {
        var start = new List<InboxEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in _buffer.Values)
        {
            if (_running.Count + start.Count >= maxInFlight)
                break;
            // An actor that is busy waits; so does every later entry of an actor seen in this pass.
            if (_busyActors.Contains(entry.ActorUri) || !seen.Add(entry.ActorUri))
                continue;
            start.Add(entry);
        }
        return start;
    }

    public void Start(InboxEntry entry, Task work)
    {
        _buffer.Remove(entry.Id);
        _busyActors.Add(entry.ActorUri);
        _running[entry.Id] = (entry.ActorUri, work);
    }

    /// <summary>Waits until some work finishes or new entries are signalled (at most a second),
    /// then forgets finished work.</summary>
    public async Task WaitForAnyAsync(WorkSignal signal, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var signalled = signal.WaitAsync(TimeSpan.FromSeconds(1), stop.Token);
        await Task.WhenAny(Task.WhenAny(_running.Values.Select(r => r.Work)), signalled);
        // A cancelled wait takes no notification away from the next one.
        stop.Cancel();
        try
        {
            await signalled;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
        }
        Forget();
    }

    public async Task DrainAsync()
    {
        await Task.WhenAll(_running.Values.Select(r => r.Work));
        Forget();
    }

    private void Forget()
    {
        foreach (var (id, (actor, work)) in _running.Where(r => r.Value.Work.IsCompleted).ToList())
        {
            _running.Remove(id);
            _busyActors.Remove(actor);
        }
    }
}
