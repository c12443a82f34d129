using System.Text.Json;
using Middleware.FeedLoad;

// Usage: Middleware.FeedLoad <skeleton URL> [seconds=20] [connections=64]
// Measures GET <skeleton URL> and then, for comparison, a bare minimal-API JSON endpoint (started
// here, on loopback) that serializes the same page on every request.
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Middleware.FeedLoad <skeleton-url> [seconds=20] [connections=64]");
    return 2;
}
var skeleton = args[0];
var seconds = args.Length > 1 ? int.Parse(args[1]) : 20;
var connections = args.Length > 2 ? int.Parse(args[2]) : 64;

using var probe = new HttpClient();
var sample = await probe.GetStringAsync(skeleton);
var page = JsonSerializer.Deserialize<JsonElement>(sample);
Console.WriteLine($"payload: {sample.Length} bytes, {page.GetProperty("feed").GetArrayLength()} posts");

await using var bare = await BareEndpoint.StartAsync(page);
var results = new List<LoadResult>
{
    await LoadRun.RunAsync("GET skeleton (Middleware)", skeleton, connections, TimeSpan.FromSeconds(seconds)),
    await LoadRun.RunAsync("bare minimal-API JSON, same page", bare.Url, connections, TimeSpan.FromSeconds(seconds)),
};
Console.WriteLine();
Console.WriteLine($"| endpoint ({connections} connections, {seconds} s) | requests/s | p50 | p99 | errors |");
Console.WriteLine("|---|---:|---:|---:|---:|");
foreach (var r in results)
    Console.WriteLine($"| {r.Name} | {r.PerSecond:N0} | {r.P50Ms:0.0} ms | {r.P99Ms:0.0} ms | {r.Errors} |");
Console.WriteLine($"\nskeleton / bare: {results[0].PerSecond / results[1].PerSecond:P0} of the requests per second");
return 0;
