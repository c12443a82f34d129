using Middleware.VoteLoad;

// Usage: Middleware.VoteLoad <vote page URL> <file with one session cookie value per line> [seconds=20] [connections=32]
// Each connection is one signed-in person (its own session cookie and antiforgery cookie). Phase 1:
// GET the vote page only. Phase 2: the voting loop, GET the page then POST a vote with its token.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: Middleware.VoteLoad <vote-page-url> <sessions-file> [seconds=20] [connections=32]");
    return 2;
}
var page = new Uri(args[0]);
var sessions = File.ReadAllLines(args[1]).Where(l => l.Length > 0).ToArray();
var seconds = args.Length > 2 ? int.Parse(args[2]) : 20;
var connections = args.Length > 3 ? int.Parse(args[3]) : 32;
if (sessions.Length < connections)
{
    Console.Error.WriteLine($"{connections} connections need {connections} sessions; the file has {sessions.Length}.");
    return 2;
}

var people = sessions.Take(connections).Select(s => new Person(page, s)).ToArray();
// Long enough for the JIT to reach its optimized tier on the whole path.
await VoteRun.RunAsync("warm-up", people, TimeSpan.FromSeconds(10), vote: false);
var results = new[]
{
    await VoteRun.RunAsync("GET vote page", people, TimeSpan.FromSeconds(seconds), vote: false),
    await VoteRun.RunAsync("voting: GET vote page", people, TimeSpan.FromSeconds(seconds), vote: true),
};
Console.WriteLine();
Console.WriteLine($"| phase ({connections} connections, {seconds} s) | request | requests/s | p50 | p90 | p99 | max | errors |");
Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|");
foreach (var r in results)
{
    foreach (var m in r.Measures)
        Console.WriteLine($"| {r.Name} | {m.Request} | {m.PerSecond:N0} | {m.P50:0.0} ms | {m.P90:0.0} ms | {m.P99:0.0} ms | {m.Max:0.0} ms | {m.Errors} |");
}
foreach (var person in people)
    person.Dispose();
return 0;
