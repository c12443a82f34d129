using Microsoft.Extensions.Options;
using Middleware.Core.Cluster;
using Middleware.Data.Cluster;

namespace Middleware.Server.Cluster;

/// <summary>Elects one leader among the nodes on one PostgreSQL database (ADR 0036): a follower tries
/// the advisory lock every <see cref="LeadershipOptions.RetryInterval"/>; the leader checks its session
/// every <see cref="LeadershipOptions.CheckInterval"/> and, when the session broke, stops leading at
/// once (the term's token is cancelled, so singleton work stops) before it tries to lead again.</summary>
public sealed class LeaderElection(
    string connectionString, NodeIdentity node, IOptions<LeadershipOptions> options, TimeProvider clock, ILogger<LeaderElection> log)
    : BackgroundService, ILeadership
{
    private readonly Lock _gate = new();
    private LeaderLock? _lock;
    private CancellationTokenSource? _term;
    private TaskCompletionSource<CancellationToken> _gained = NewWaiter();

    public bool IsLeading
    {
        get
        {
            lock (_gate)
                return _term is not null;
        }
    }

    /// <summary>When this node's current term began; null while it follows.</summary>
    public DateTimeOffset? LeadingSince { get; private set; }

    public Task<CancellationToken> WaitToLeadAsync(CancellationToken ct)
    {
        lock (_gate)
            return _term is { } term ? Task.FromResult(term.Token) : _gained.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await StepAsync(stoppingToken);
                var wait = IsLeading ? options.Value.CheckInterval : options.Value.RetryInterval;
                await Task.Delay(wait, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the lock is released below.
        }
        finally
        {
            await StepDownAsync("the node is stopping", stopping: true);
        }
    }

    /// <summary>One round: a follower tries to take the lock, the leader checks it still holds it.</summary>
    public async Task StepAsync(CancellationToken ct)
    {
        var settings = options.Value;
        if (_lock is { } held)
        {
            if (!await held.IsHeldAsync(ct) && !ct.IsCancellationRequested)
                await StepDownAsync("its database session was lost");
            return;
        }

        try
        {
            var taken = await LeaderLock.TryTakeAsync(connectionString, settings.LockKey, settings.SessionTimeout,
                settings.CommandTimeout, node.Id, ct);
            if (taken is not null)
                BeginTerm(taken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogWarning("Node {Node} could not try for leadership ({Reason}); trying again in {Retry}", node.Id, e.Message, settings.RetryInterval);
        }
    }

    private void BeginTerm(LeaderLock taken)
    {
        TaskCompletionSource<CancellationToken> gained;
        CancellationToken term;
        lock (_gate)
        {
            _lock = taken;
            _term = new CancellationTokenSource();
            term = _term.Token;
            LeadingSince = clock.GetUtcNow();
            gained = _gained;
        }

        log.LogInformation("Node {Node} now leads (PostgreSQL session {Backend}): singleton work (refits, feed boosts, timeline polls, retention) runs here",
            node.Id, taken.BackendId);
        gained.TrySetResult(term);
    }

    /// <summary>Stops leading: singleton work is cancelled first, then the session ends, so the lock is
    /// free only once this node's work has been told to stop.</summary>
    private async Task StepDownAsync(string reason, bool stopping = false)
    {
        CancellationTokenSource? term;
        LeaderLock? held;
        lock (_gate)
        {
            (term, held) = (_term, _lock);
            (_term, _lock) = (null, null);
            LeadingSince = null;
            if (term is not null)
                _gained = NewWaiter();
        }

        if (term is not null)
        {
            // Not disposed: work of the ended term may still link to its token.
            await term.CancelAsync();
            log.Log(stopping ? LogLevel.Information : LogLevel.Warning, "Node {Node} stopped leading: {Reason}", node.Id, reason);
        }

        if (held is not null)
            await held.DisposeAsync();
    }

    private static TaskCompletionSource<CancellationToken> NewWaiter() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
