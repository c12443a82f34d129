using System.Globalization;
using System.Net;
using System.Text.Json;
using Middleware.ActivityPub.Http;
using Middleware.ActivityPub.Streams;
using Middleware.Core.Cluster;
using Middleware.Core.Ingest;
using Middleware.Core.Sources;

namespace Middleware.Server.Sources;

/// <summary>Reads instances without a relay (like social.overheid.nl) through their public REST
/// timeline: pages forward with <c>min_id</c> from the newest status seen, and waits for the
/// reset time when the instance's rate-limit headers say the budget is spent. Only the leading node
/// polls (ADR 0036): one instance is not asked twice for the same page.</summary>
public sealed class TimelinePoller(
    ISourceStore sources,
    IChangeWriter writer,
    IHttpClientFactory clients,
    TimeProvider clock,
    ILeadership leadership,
    ILogger<TimelinePoller> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(60);
    private const int PageSize = 40;
    private const int MaxPagesPerPoll = 10;
    private const long MaxPageBytes = 8 * 1024 * 1024;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => leadership.RunWhileLeadingAsync(PollDueAsync, stoppingToken);

    private async Task PollDueAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
        do
        {
            try
            {
                foreach (var source in await sources.ListDueTimelinesAsync(clock.GetUtcNow(), stoppingToken))
                    await PollOrPostponeAsync(source, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Listing the timelines to poll failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>A poll that fails for an unforeseen reason is a warning, and the source waits for its next
    /// interval (with the reason as its error): otherwise it would fail again every second.</summary>
    private async Task PollOrPostponeAsync(Source source, CancellationToken ct)
    {
        try
        {
            await PollAsync(source, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning("Polling {Target} failed: {Reason}; trying again in {Interval}", source.Target, e.Message, Interval);
            await sources.SaveCursorAsync(source.Id, source.Cursor, clock.GetUtcNow() + Interval, e.Message, ct);
        }
    }

    /// <summary>One poll of one timeline: as many pages as are waiting (bounded), then the next poll time.</summary>
    public async Task PollAsync(Source source, CancellationToken ct)
    {
        var cursor = source.Cursor;
        var next = clock.GetUtcNow() + Interval;
        string? error = null;
        for (var page = 0; page < MaxPagesPerPoll; page++)
        {
            var result = await FetchPageAsync(source, cursor, ct);
            error = result.Error;
            if (result.RetryAt is { } retryAt)
                next = retryAt > next ? retryAt : next;
            if (result.Statuses is null)
                break;
            var host = JsonReading.Origin(source.Target)!;
            foreach (var changes in result.Statuses.Select(s => MastodonStatusReader.Read(s, host)).Where(c => c.Count > 0))
                await writer.ApplyAsync(changes, null, ct);
            cursor = result.Statuses.Select(s => s.String("id")).OfType<string>().Append(cursor).Max(StatusIdComparer.Instance);
            if (result.Statuses.Count < PageSize || result.RetryAt is not null || source.Cursor is null)
                break;
        }
        await sources.SaveCursorAsync(source.Id, cursor, next, error, ct);
    }

    private async Task<TimelinePage> FetchPageAsync(Source source, string? cursor, CancellationToken ct)
    {
        var url = $"{source.Target}/api/v1/timelines/public?limit={PageSize}{(source.Local ? "&local=true" : "")}{(cursor is null ? "" : $"&min_id={Uri.EscapeDataString(cursor)}")}";
        try
        {
            using var response = await clients.CreateClient(GuardedHttpClient.DefaultName).GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
            var retryAt = RateLimitReset(response);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                return new TimelinePage(null, "Rate limited (429).", retryAt ?? clock.GetUtcNow().AddMinutes(5));
            if (!response.IsSuccessStatusCode)
                return new TimelinePage(null, $"{url} answered {(int)response.StatusCode}.", null);
            var body = await BoundedBody.ReadAsBytesAsync(response, MaxPageBytes, ct);
            using var doc = JsonDocument.Parse(body, ActivityStreams.DocumentOptions);
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
                return new TimelinePage(null, $"{url} did not answer a JSON array.", null);
            var statuses = doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
            return new TimelinePage(statuses, null, retryAt);
        }
        catch (Exception e) when (e is HttpRequestException or OutboundRequestException or JsonException
                                      or TaskCanceledException && !ct.IsCancellationRequested)
        {
            log.LogWarning("Polling {Url} failed: {Message}", url, e.Message);
            return new TimelinePage(null, e.Message, null);
        }
    }

    /// <summary>Mastodon sends X-RateLimit-Remaining and X-RateLimit-Reset (an ISO time).</summary>
    private DateTimeOffset? RateLimitReset(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("X-RateLimit-Remaining", out var remainingValues)
            || !int.TryParse(remainingValues.FirstOrDefault(), out var remaining) || remaining > 1)
            return response.StatusCode == HttpStatusCode.TooManyRequests ? ResetTime(response) : null;
        return ResetTime(response) ?? clock.GetUtcNow().AddMinutes(5);
    }

    private static DateTimeOffset? ResetTime(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-RateLimit-Reset", out var values)
        && DateTimeOffset.TryParse(values.FirstOrDefault(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var reset)
            ? reset
            : null;

    private sealed record TimelinePage(List<JsonElement>? Statuses, string? Error, DateTimeOffset? RetryAt);
}

/// <summary>Mastodon status ids are numeric strings (snowflakes); compare them as numbers.</summary>
public sealed class StatusIdComparer : IComparer<string?>
{
    public static readonly StatusIdComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
            return x is null ? (y is null ? 0 : -1) : 1;
        var byLength = x.Length.CompareTo(y.Length);
        return byLength != 0 && x.All(char.IsAsciiDigit) && y.All(char.IsAsciiDigit) ? byLength : string.CompareOrdinal(x, y);
    }
}
