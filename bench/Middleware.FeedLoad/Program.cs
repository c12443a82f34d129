using System.Text.Json;
using Middleware.FeedLoad;

// Usage: Middleware.FeedLoad <skeleton URL> [seconds=20] [connections=64]
//        Middleware.FeedLoad --page <URL> [seconds=20] [connections=32]   (one page, e.g. /feeds/{name}; no comparison)
//        Middleware.FeedLoad --count <URL> <seconds> <connections>   (no warm-up; prints "requests N errors E",
//                                                                     for CPU per request: bench/nodes.sh)
//        Middleware.FeedLoad --paced <URL> <seconds> <per-second>     (open loop at a fixed rate; prints the same)
// Measures GET <skeleton URL> and then, for comparison, a bare minimal-API JSON endpoint (started
// here, on loopback) that serializes the same page on every request.
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Middleware.FeedLoad <skeleton-url> [seconds=20] [connections=64]");
    return 2;
}
if (args[0] == "--page" && args.Length > 1)
{
    var pageSeconds = args.Length > 2 ? int.Parse(args[2]) : 20;
    var pageConnections = args.Length > 3 ? int.Parse(args[3]) : 32;
    using var check = new HttpClient();
    Console.WriteLine($"page: {(await check.GetStringAsync(args[1])).Length} characters");
    await LoadRun.RunAsync("warm-up", args[1], pageConnections, TimeSpan.FromSeconds(5));
    var r = await LoadRun.RunAsync("GET page", args[1], pageConnections, TimeSpan.FromSeconds(pageSeconds));
    Console.WriteLine($"| {args[1]} ({pageConnections} connections, {pageSeconds} s) | {r.PerSecond:N0} requests/s | p50 {r.P50Ms:0.0} ms | p99 {r.P99Ms:0.0} ms | {r.Errors} errors |");
    return r.Errors == 0 ? 0 : 1;
}
if (args[0] == "--count" && args.Length > 3)
{
    using var counted = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.Parse(args[3]) });
    var (answered, failed, _) = await LoadRun.LoopAsync(counted, args[1], int.Parse(args[3]), TimeSpan.FromSeconds(int.Parse(args[2])));
    Console.WriteLine($"requests {answered.Count} errors {failed}");
    return failed == 0 ? 0 : 1;
}
if (args[0] == "--paced" && args.Length > 3)
{
    using var paced = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 });
    var (answered, failed) = await LoadRun.PacedAsync(paced, args[1], int.Parse(args[3]), TimeSpan.FromSeconds(int.Parse(args[2])));
    Console.WriteLine($"requests {answered} errors {failed}");
    return failed == 0 ? 0 : 1;
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
