using System.Diagnostics;
using Middleware.Ranking;
using Middleware.Ranking.Engine;
using Middleware.Synthetic;
using Spectre.Console;

namespace Middleware.Replay;

/// <summary>The tool: arguments → data into a private store → hour-by-hour replay with a progress bar → report.
/// Exit codes: 0 done, 1 the data could not be read or imported, 2 bad arguments.</summary>
public static class ReplayCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        var a = ReplayArguments.Parse(args, out var problem);
        if (a is null)
        {
            if (problem is null)
            {
                await output.WriteLineAsync(ReplayArguments.Usage);
                return 0;
            }
            await error.WriteLineAsync($"error: {problem}\nRun with --help for usage.");
            return 2;
        }

        await using var store = await ReplayStore.OpenAsync(ct);
        var (catalog, pluginError) = ReplayRankers.WithPlugins(store.Catalog, a.PluginFolders);
        if (pluginError is not null)
            return await FailAsync(error, pluginError, 2);
        var (specs, specError) = ReplayRankers.Specs(a, catalog);
        if (specError is not null)
            return await FailAsync(error, specError, 2);

        var loading = Stopwatch.StartNew();
        var (source, truth, loadError) = await LoadAsync(store, a, ct);
        if (loadError is not null)
            return await FailAsync(error, loadError, 1);
        await output.WriteLineAsync($"{store.Imported} loaded in {loading.Elapsed.TotalSeconds:0.0} s");

        var replay = new HourlyReplay(store.WithCatalog(catalog), specs, a, truth);
        var hours = replay.Hours();
        var results = new List<ReplayHour>(hours.Count);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        var timer = Stopwatch.StartNew();
        try
        {
            await console.Progress().AutoClear(false).StartAsync(async progress =>
            {
                var task = progress.AddTask($"Replaying {hours.Count} hours through {specs.Count} rankers", maxValue: Math.Max(1, hours.Count));
                foreach (var hour in hours)
                {
                    results.Add(await replay.RankAsync(hour, ct));
                    task.Increment(1);
                }
            });
        }
        catch (RankerParameterException e)
        {
            return await FailAsync(error, $"a ranker's parameters are refused: {e.Field}: {e.Problem}", 2);
        }

        var labels = specs.Select(s => s.Label).ToList();
        await File.WriteAllTextAsync(a.OutPath, ReplayReport.Html(a, source, results, labels, truth is not null), ct);
        await output.WriteLineAsync($"{results.Count} hours replayed in {timer.Elapsed.TotalSeconds:0.0} s; report written to {a.OutPath}");
        return 0;
    }

    /// <summary>Imports the data; returns how the report names it, the ground truth if any, or why it failed.</summary>
    private static async Task<(string Source, IReadOnlyDictionary<string, string>? Truth, string? Error)> LoadAsync(ReplayStore store, ReplayArguments a, CancellationToken ct)
    {
        if (a.Synthetic)
        {
            var options = new SyntheticOptions { Seed = a.Seed, Users = a.Users, Posts = a.Posts, Span = TimeSpan.FromDays(a.Days) };
            if (options.Problem() is { } invalid)
                return ("", null, $"synthetic data: {invalid}");
            var data = SyntheticAudience.Generate(options);
            var ndjson = new StringWriter();
            NdjsonExport.Write(data, ndjson);
            var problems = await store.ImportAsync(new StringReader(ndjson.ToString()), ct);
            return problems.Count > 0
                ? ("", null, $"synthetic data did not import: {problems[0].Error}")
                : ($"synthetic audience (seed {a.Seed}, {a.Users} users, {a.Posts} posts over {a.Days} days)", data.Posts.ToDictionary(p => p.Uri, p => p.Label.ToString()), null);
        }
        using (var reader = new StreamReader(a.DataPath!))
        {
            var problems = await store.ImportAsync(reader, ct);
            if (problems.Count > 0)
                return ("", null, $"{a.DataPath}: nothing replayed; " + string.Join("; ", problems.Take(5).Select(p => p.Line > 0 ? $"line {p.Line}: {p.Error}" : p.Error)));
        }
        if (a.TruthPath is null)
            return (Path.GetFileName(a.DataPath!), null, null);
        var truth = GroundTruth(a.TruthPath);
        return truth.Error is null ? (Path.GetFileName(a.DataPath!), truth.Labels, null) : ("", null, truth.Error);
    }

    /// <summary>Reads <c>uri,label</c> lines (a header line <c>uri,label</c> is skipped).</summary>
    internal static (IReadOnlyDictionary<string, string> Labels, string? Error) GroundTruth(string path)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line) || number == 1 && line.Trim() == "uri,label")
                continue;
            var comma = line.LastIndexOf(',');
            if (comma <= 0 || comma == line.Length - 1)
                return (labels, $"{path} line {number}: expected uri,label.");
            labels[line[..comma].Trim()] = line[(comma + 1)..].Trim();
        }
        return (labels, null);
    }

    private static async Task<int> FailAsync(TextWriter error, string message, int code)
    {
        await error.WriteLineAsync($"error: {message}");
        return code;
    }
}
