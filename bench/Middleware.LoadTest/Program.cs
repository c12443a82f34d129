using Middleware.LoadTest;

// Usage: Middleware.LoadTest <service base URL> <admin token> [total] [rate] [seconds] [--paced-only]
// Measures (1) sustained end-to-end ingest: signed Creates sent as fast as the service takes them,
// timed until every one is verified, stored and processed; (2) 202 latency at a fixed rate.
// --paced-only: the warm-up and the fixed-rate run alone (a fixed amount of work offered at a fixed
// rate, for CPU per activity: bench/nodes.sh). LOADTEST_WARMUP: activities in the warm-up (3000).
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: Middleware.LoadTest <service-url> <admin-token> [total=20000] [rate=500] [seconds=20] [--paced-only]");
    return 2;
}
var service = args[0].TrimEnd('/');
var token = args[1];
var total = args.Length > 2 ? int.Parse(args[2]) : 20_000;
var rate = args.Length > 3 ? int.Parse(args[3]) : 500;
var seconds = args.Length > 4 ? int.Parse(args[4]) : 20;
var pacedOnly = args.Length > 5 && args[5] == "--paced-only";

await using var peers = await PeerAccounts.StartAsync(accounts: 200);
var target = new IngestTarget(service, token);
Console.WriteLine($"peer accounts on {peers.BaseUrl}; service {service}");

await Warmup.RunAsync(target, peers, int.TryParse(Environment.GetEnvironmentVariable("LOADTEST_WARMUP"), out var warm) ? warm : 3000);

// Steady 500/s first: after the flood below, the kernel is still writing back hundreds of
// megabytes, and a latency measured then says more about that than about steady service.
var latency = await FixedRateRun.RunAsync(target, peers, rate, TimeSpan.FromSeconds(seconds));
Console.WriteLine(latency.ToMarkdown());
if (pacedOnly)
    return 0;

var floor = await FixedRateRun.RunAsync(target, peers, rate, TimeSpan.FromSeconds(seconds), unsigned: true);
Console.WriteLine(floor.ToMarkdown("same POSTs unsigned (401 before any work: the floor)"));

var throughput = await ThroughputRun.RunAsync(target, peers, total, concurrency: 64);
Console.WriteLine(throughput.ToMarkdown());
return 0;
