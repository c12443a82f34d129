using System.Diagnostics;

namespace Middleware.FeedLoad;

public sealed record LoadResult(string Name, double PerSecond, double P50Ms, double P99Ms, long Errors);

/// <summary>Closed-loop load: each connection sends its next GET when the last one is answered
/// (and its body read), for a fixed time after a short warm-up.</summary>
public static class LoadRun
{
    public static async Task<LoadResult> RunAsync(string name, string url, int connections, TimeSpan duration)
    {
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections });
        await LoopAsync(client, url, connections, TimeSpan.FromSeconds(3));
        var (latencies, errors, elapsed) = await LoopAsync(client, url, connections, duration);
        latencies.Sort();
        double Percentile(double p) => latencies.Count == 0 ? double.NaN
            : latencies[Math.Min(latencies.Count - 1, (int)(p * latencies.Count))] * 1000.0 / Stopwatch.Frequency;
        var result = new LoadResult(name, latencies.Count / elapsed.TotalSeconds, Percentile(0.50), Percentile(0.99), errors);
        Console.WriteLine($"{name}: {result.PerSecond:N0}/s, p50 {result.P50Ms:0.0} ms, p99 {result.P99Ms:0.0} ms, {errors} errors");
        return result;
    }

    internal static async Task<(List<long> Latencies, long Errors, TimeSpan Elapsed)> LoopAsync(
        HttpClient client, string url, int connections, TimeSpan duration)
    {
        var errors = 0L;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            var mine = new List<long>(100_000);
            while (clock.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.GetAsync(url);
                    await response.Content.ReadAsByteArrayAsync();
                    if (response.IsSuccessStatusCode)
                        mine.Add(Stopwatch.GetTimestamp() - start);
                    else
                        Interlocked.Increment(ref errors);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
            return mine;
        })).ToList();
        var all = (await Task.WhenAll(workers)).SelectMany(l => l).ToList();
        return (all, errors, clock.Elapsed);
    }

    /// <summary>Open-loop load: request i leaves at <c>i / perSecond</c> whether or not the earlier ones
    /// were answered, so every layout under test is offered the same work. For CPU per request
    /// (bench/nodes.sh): a closed loop keeps the cores saturated, and then what a request costs
    /// depends on how the processes contend for them (spinning, switching), not only on its work.</summary>
    internal static async Task<(long Answered, long Errors)> PacedAsync(HttpClient client, string url, int perSecond, TimeSpan duration)
    {
        var count = (int)(perSecond * duration.TotalSeconds);
        long answered = 0, errors = 0;
        var clock = Stopwatch.StartNew();
        var requests = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            var wait = TimeSpan.FromSeconds((double)i / perSecond) - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
                await Task.Delay(wait);
            requests.Add(Task.Run(async () =>
            {
                try
                {
                    using var response = await client.GetAsync(url);
                    await response.Content.ReadAsByteArrayAsync();
                    Interlocked.Increment(ref response.IsSuccessStatusCode ? ref answered : ref errors);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
            }));
        }
        await Task.WhenAll(requests);
        return (answered, errors);
    }
}
