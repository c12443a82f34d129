using Middleware.Synthetic;

// dotnet run --project tools/Middleware.Synthetic -- --seed 7 --users 2000 --posts 500 > sample.ndjson
var request = CommandLine.Parse(args, out var error);
if (request is null)
{
    if (error is null)
    {
        Console.Out.WriteLine(CommandLine.Usage);
        return 0;
    }
    Console.Error.WriteLine($"error: {error}");
    Console.Error.WriteLine("Run with --help for usage.");
    return 2;
}

var data = request.Scenario is { } scenario
    ? Scenarios.Generate(scenario, request.Options.Seed, request.Options.Now)
    : SyntheticAudience.Generate(request.Options);
if (request.PositivesOnly)
    data = data.PositivesOnly();
using (var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = false })
    NdjsonExport.Write(data, stdout);
if (request.TruthPath is not null)
{
    using var truth = new StreamWriter(request.TruthPath);
    NdjsonExport.WriteTruth(data, truth);
}
Console.Error.WriteLine($"{data.Posts.Count} posts, {data.Ratings.Count + data.Replies.Count} interactions, {data.CoordinatedAccounts.Count} coordinated accounts (seed {request.Options.Seed}).");
return 0;
