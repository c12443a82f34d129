using Middleware.Tests.Shared.Postgres;
using System.Diagnostics;
using Middleware.Data;
using Middleware.Data.Cluster;
using Middleware.Server.Cluster;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.Cluster;

/// <summary>Nodes on one PostgreSQL database elect one leader with a session advisory lock (ADR 0036);
/// when the leader's session ends (its process died, or the database ended it) the leader knows it lost
/// and another node takes over within the configured times.</summary>
public sealed class LeaderElectionTests : ElectionDatabase
{
    private static readonly LeadershipOptions Quick = new()
    {
        CheckInterval = TimeSpan.FromMilliseconds(200),
        RetryInterval = TimeSpan.FromMilliseconds(300),
        CommandTimeout = TimeSpan.FromSeconds(2),
        SessionTimeout = TimeSpan.FromSeconds(5),
    };

    // Room for a loaded test machine (2 cores, several builds) on top of what the settings allow.
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(3);

    [PostgresFact]
    public async Task Two_nodes_trying_together_give_exactly_one_leader_and_the_database_names_it()
    {
        var a = Election("node-a");
        var b = Election("node-b");

        for (var round = 0; round < 3; round++)
            await Task.WhenAll(Task.Run(() => a.StepAsync(default)), Task.Run(() => b.StepAsync(default)));

        Assert.True(a.IsLeading ^ b.IsLeading, $"a leads: {a.IsLeading}, b leads: {b.IsLeading}");
        var leader = a.IsLeading ? "node-a" : "node-b";
        await using var db = new PostgresConnectionFactory(ConnectionString);
        Assert.Equal(leader, await LeaderLock.FindHolderAsync(db, new LeadershipOptions().LockKey, default));
        Assert.Contains(Logs.Entries, e => e.Message.StartsWith($"Node {leader} now leads", StringComparison.Ordinal));
    }

    [PostgresFact]
    public async Task A_leader_whose_session_was_ended_knows_it_lost_and_the_other_node_takes_over()
    {
        var a = Election("node-a");
        var b = Election("node-b");
        await a.StepAsync(default);
        await b.StepAsync(default);
        var term = await a.WaitToLeadAsync(default);
        Assert.False(b.IsLeading);

        Assert.Equal("node-a", await TerminateLeaderSessionAsync());
        await a.StepAsync(default);

        Assert.False(a.IsLeading);
        Assert.True(term.IsCancellationRequested, "the lost term's work is cancelled");
        Assert.Contains(Logs.Entries, e => e.Message == "Node node-a stopped leading: its database session was lost");
        await Eventually.TrueAsync(async () =>
        {
            await b.StepAsync(default);
            return b.IsLeading;
        }, "node-b leading");
        await a.StepAsync(default);
        Assert.False(a.IsLeading, "the lock is node-b's now");
    }

    [PostgresFact]
    public async Task Running_elections_hand_over_within_the_configured_times_when_the_leader_is_killed_or_stops()
    {
        var a = Election("node-a", Quick);
        await a.StartAsync(default);
        await LeadsAsync(a, "node-a leading");
        var b = Election("node-b", Quick);
        await b.StartAsync(default);

        // Killed: the leader notices at its next check, a follower takes the lock at its next try.
        var clock = Stopwatch.StartNew();
        await TerminateLeaderSessionAsync();
        await LeadsAsync(b, "node-b taking over");
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, Quick.CheckInterval + Quick.RetryInterval + Slack);
        await Eventually.TrueAsync(() => Task.FromResult(!a.IsLeading), "node-a stepping down");

        // Stopped (a graceful shutdown): its session ends at once, the other node leads at its next try.
        clock.Restart();
        await b.StopAsync(default);
        Assert.False(b.IsLeading);
        await LeadsAsync(a, "node-a leading again");
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, Quick.RetryInterval + Slack);
    }

    [PostgresFact]
    public async Task With_the_default_timings_a_killed_leader_is_replaced_within_thirty_seconds()
    {
        var a = Election("node-a");
        await a.StartAsync(default);
        await LeadsAsync(a, "node-a leading");
        var b = Election("node-b");
        await b.StartAsync(default);

        var clock = Stopwatch.StartNew();
        await TerminateLeaderSessionAsync();
        await Eventually.TrueAsync(() => Task.FromResult(b.IsLeading), "node-b taking over", timeoutMs: 30_000);

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(() => Task.FromResult(!a.IsLeading), "node-a stepping down", timeoutMs: 10_000);
    }

    [PostgresFact]
    public async Task A_node_that_cannot_reach_the_database_follows_and_says_why()
    {
        var unreachable = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { Database = "no_such_database" }.ToString();
        var lost = Election("node-lost", connectionString: unreachable);

        await lost.StepAsync(default);

        Assert.False(lost.IsLeading);
        Assert.Contains(Logs.Entries, e => e.Message.StartsWith("Node node-lost could not try for leadership", StringComparison.Ordinal));
    }

    [Fact]
    public void Settings_that_would_end_a_healthy_leaders_session_are_refused()
    {
        Assert.Null(new LeadershipOptions().Problem());
        Assert.NotNull(new LeadershipOptions { SessionTimeout = TimeSpan.FromSeconds(4) }.Problem());
        Assert.NotNull(new LeadershipOptions { CheckInterval = TimeSpan.Zero }.Problem());
        Assert.NotNull(new LeadershipOptions { RetryInterval = TimeSpan.FromSeconds(-1) }.Problem());
    }
}
