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
    public long LastId { get; private set; }

    /// <summary>The entries whose claims this node must keep: buffered and in flight.</summary>
    public IReadOnlyCollection<long> Held => [.. _buffer.Keys, .. _running.Keys];

    public void Add(IEnumerable<InboxEntry> entries)
    {
        foreach (var entry in entries)
        {
            LastId = Math.Max(LastId, entry.Id);
            if (!_running.ContainsKey(entry.Id))
                _buffer.TryAdd(entry.Id, entry);
        }
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
    /// then forgets finished work. True when it was the signal (or the second) that ended the wait.</summary>
    public async Task<bool> WaitForAnyAsync(WorkSignal signal, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var signalled = signal.WaitAsync(TimeSpan.FromSeconds(1), stop.Token);
        var first = await Task.WhenAny(Task.WhenAny(_running.Values.Select(r => r.Work)), signalled);
        // A cancelled wait takes no notification away from the next one.
        stop.Cancel();
        var woken = first == signalled;
        try
        {
            await signalled;
            woken = true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
        }
        Forget();
        return woken;
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
