using System.Diagnostics;
using System.Net;

namespace Middleware.LoadTest;

public static class Warmup
{
    /// <summary>Lets the service fetch every peer key and JIT its paths before anything is timed.</summary>
    public static async Task RunAsync(IngestTarget target, PeerAccounts peers, int count)
    {
        var before = await target.PostsAsync();
        var requests = peers.Prepare(target.Inbox, count);
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (r, ct) =>
        {
            using var response = await target.Http.SendAsync(r.ToMessage(), ct);
        });
        await target.WaitForPostsAsync(before + count, TimeSpan.FromMinutes(2));
    }
}

public sealed record ThroughputResult(int Sent, int Accepted, int Refused, double AcceptSeconds, double EndToEndSeconds)
{
    public string ToMarkdown() =>
        $"""
        | sustained ingest | value |
        |---|---|
        | activities sent | {Sent} ({Accepted} answered 202, {Refused} other) |
        | all 202 answers after | {AcceptSeconds:F2} s ({Accepted / AcceptSeconds:F0} activities/s) |
        | all verified, stored and processed after | {EndToEndSeconds:F2} s (**{Accepted / EndToEndSeconds:F0} activities/s end to end**) |
        """;
}

public static class ThroughputRun
{
    public static async Task<ThroughputResult> RunAsync(IngestTarget target, PeerAccounts peers, int total, int concurrency)
    {
        var requests = peers.Prepare(target.Inbox, total);
        var before = await target.PostsAsync();
        int accepted = 0, refused = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (r, ct) =>
        {
            using var response = await target.Http.SendAsync(r.ToMessage(), ct);
            if (response.StatusCode == HttpStatusCode.Accepted)
                Interlocked.Increment(ref accepted);
            else
                Interlocked.Increment(ref refused);
        });
        var acceptSeconds = clock.Elapsed.TotalSeconds;
        await target.WaitForPostsAsync(before + accepted, TimeSpan.FromMinutes(10));
        return new ThroughputResult(total, accepted, refused, acceptSeconds, clock.Elapsed.TotalSeconds);
    }
}

public sealed record LatencyResult(int Rate, int Sent, int Accepted, double P50, double P90, double P99, double Max, double EndToEndSeconds)
{
    public string ToMarkdown(string title = "202 latency") =>
        $"""
        | {title} at {Rate} requests/s | value |
        |---|---|
        | requests sent | {Sent} ({Accepted} answered 202) |
        | p50 / p90 / p99 / max | {P50:F2} / {P90:F2} / **{P99:F2}** / {Max:F2} ms |
        | last one processed after | {EndToEndSeconds:F2} s |
        """;
}

public static class FixedRateRun
{
    /// <summary>Open-loop: requests leave on schedule whether or not earlier ones were answered, so
    /// a slow answer cannot hide by slowing the generator down.</summary>
    public static async Task<LatencyResult> RunAsync(IngestTarget target, PeerAccounts peers, int rate, TimeSpan duration, bool unsigned = false)
    {
        var count = (int)(rate * duration.TotalSeconds);
        var requests = peers.Prepare(target.Inbox, count);
        if (unsigned)
        {
            // The floor: the same POSTs without their signature are refused (401) before any
            // crypto or storage, so what remains is Kestrel, the network stack and this generator.
            requests = requests.Select(r => r with { Headers = r.Headers.Where(h => h.Key != "Signature").ToArray() }).ToArray();
        }
        var before = await target.PostsAsync();
        var latencies = new double[count];
        var accepted = 0;
        var clock = Stopwatch.StartNew();
        var tasks = new Task[count];
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
                await Task.Delay(wait);
            var index = i;
            tasks[i] = Task.Run(async () =>
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await target.Http.SendAsync(requests[index].ToMessage());
                latencies[index] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (response.StatusCode == HttpStatusCode.Accepted)
                    Interlocked.Increment(ref accepted);
            });
        }
        await Task.WhenAll(tasks);
        if (!unsigned)
            await target.WaitForPostsAsync(before + accepted, TimeSpan.FromMinutes(5));
        var end = clock.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        double At(double q) => latencies[Math.Min(count - 1, (int)Math.Ceiling(q * count) - 1)];
        return new LatencyResult(rate, count, accepted, At(0.50), At(0.90), At(0.99), latencies[^1], end);
    }
}
