using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Middleware.Core.Ingest;
using Middleware.Core.Sources;
using Middleware.Server.Sources;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.Sources;

/// <summary>A timeline poll that fails for a reason nobody foresaw is a warning with the reason, and
/// the source waits for its next interval: not an error with a stack trace every second.</summary>
public sealed class TimelinePollerLogTests
{
    [Fact]
    public async Task A_failing_poll_is_one_warning_and_waits_for_the_next_interval()
    {
        await using var remote = await RemoteServer.StartAsync();
        remote.Serve("/api/v1/timelines/public?limit=40", Payloads.Load("timeline-public.json", new Dictionary<string, string> { ["remote"] = remote.BaseUrl }),
            "application/json");
        var sources = new OneTimeline(new Source { Id = 1, Type = SourceType.Timeline, Target = remote.BaseUrl });
        var logs = new CapturedLogs();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var poller = new TimelinePoller(sources, new FailingWriter(), new PlainClients(), clock, Middleware.Core.Cluster.AlwaysLeading.Instance,
            factory.CreateLogger<TimelinePoller>());

        await poller.StartAsync(CancellationToken.None);
        // The first pass polls and fails; then three more ticks of the poll loop, each one seen to run.
        await Eventually.TrueAsync(() => Task.FromResult(sources.Saves >= 1), "the failed poll");
        for (var listings = 2; listings <= 4; listings++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Eventually.TrueAsync(() => Task.FromResult(sources.Listings >= listings), $"tick {listings}");
        }
        await poller.StopAsync(CancellationToken.None);

        Assert.Single(remote.Received, r => r.Path == "/api/v1/timelines/public");
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);
        var warning = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Null(warning.Exception);
        Assert.Contains("database is locked", warning.Message);
        Assert.Equal("database is locked", sources.Error);
        Assert.Equal(1, sources.Saves);
        Assert.True(sources.NextPollAt > clock.GetUtcNow().AddSeconds(30));
    }

    private sealed class FailingWriter : IChangeWriter
    {
        public Task ApplyAsync(IReadOnlyList<Change> changes, long? inboxEntryId, CancellationToken ct = default) =>
            throw new InvalidOperationException("database is locked");

        public Task<IReadOnlyList<bool>> CompleteAsync(IReadOnlyList<ProcessedEntry> entries, CancellationToken ct = default) =>
            throw new NotSupportedException();
    }

    private sealed class PlainClients : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new();
    }

    private sealed class OneTimeline(Source source) : ISourceStore
    {
        public DateTimeOffset NextPollAt { get; private set; } = DateTimeOffset.MinValue;
        public string? Error { get; private set; }

        private int listings;
        private int saves;

        /// <summary>How many times the poll loop asked which timelines are due (once a tick).</summary>
        public int Listings => Volatile.Read(ref listings);

        /// <summary>How many polls ended (each saves the cursor).</summary>
        public int Saves => Volatile.Read(ref saves);

        public Task<IReadOnlyList<Source>> ListDueTimelinesAsync(DateTimeOffset now, CancellationToken ct = default)
        {
            Interlocked.Increment(ref listings);
            return Task.FromResult<IReadOnlyList<Source>>(NextPollAt <= now ? [source] : []);
        }

        public Task SaveCursorAsync(long id, string? cursor, DateTimeOffset nextPollAt, string? error, CancellationToken ct = default)
        {
            (NextPollAt, Error) = (nextPollAt, error);
            Interlocked.Increment(ref saves);
            return Task.CompletedTask;
        }

        public Task<Source> AddAsync(Source s, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<Source>> ListAsync(CancellationToken ct = default) => throw new NotSupportedException();
        public Task<Source?> FindAsync(long id, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<Source?> FindByTargetAsync(SourceType type, string target, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<Source?> FindByFollowActivityAsync(string followActivityUri, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<bool> DeleteAsync(long id, CancellationToken ct = default) => throw new NotSupportedException();
        public Task UpdateStateAsync(long id, SourceState state, string? error, CancellationToken ct = default) => throw new NotSupportedException();
    }
}
