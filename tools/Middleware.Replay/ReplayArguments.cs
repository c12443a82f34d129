using System.Globalization;

namespace Middleware.Replay;

/// <summary>One ranker to replay: a built-in or plugin id, a recipe file or a script file.</summary>
/// <param name="Label">How the report names it.</param>
/// <param name="Ranker">The catalog id it runs as.</param>
/// <param name="ParametersJson">Its parameters as a JSON object.</param>
public sealed record RankerSpec(string Label, string Ranker, string ParametersJson);

/// <summary>What the command line asked for.</summary>
public sealed record ReplayArguments
{
    public string? DataPath { get; init; }
    public string? TruthPath { get; init; }
    public bool Synthetic { get; init; }
    public int Seed { get; init; } = 1;
    public int Users { get; init; } = 2000;
    public int Posts { get; init; } = 2000;
    public int Days { get; init; } = 2;
    public IReadOnlyList<string> RankerIds { get; init; } = [];
    public IReadOnlyList<string> RecipePaths { get; init; } = [];
    public IReadOnlyList<string> ScriptPaths { get; init; } = [];
    public IReadOnlyList<string> PluginFolders { get; init; } = [];
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public int StepHours { get; init; } = 1;
    public int RefitHours { get; init; } = 1;
    public int Top { get; init; } = 20;
    public double WindowHours { get; init; } = 24;
    public int MaxCandidates { get; init; } = 2000;
    public string Relevant { get; init; } = "Bridging";
    public string OutPath { get; init; } = "replay-report.html";

    public const string Usage = """
        Replays recorded data hour by hour through several rankers, each hour ranking only what was known
        then (the as-of rule of POST /api/admin/rank), and writes an HTML report comparing them.

        Usage: dotnet run -c Release --project tools/Middleware.Replay -- (--data FILE | --synthetic) [options]

          --data FILE         an NDJSON export (GET /api/admin/export, or tools/Middleware.Synthetic)
          --truth FILE        uri,label lines (tools/Middleware.Synthetic --truth): adds precision@N
          --synthetic         generate a synthetic audience (with ground truth) instead of reading a file
            --seed N --users N --posts N --days N   its size (defaults 1, 2000, 2000, 2)
          --ranker ID         a built-in ranker (chronological, engagement, bridging) or a plugin's id;
                              repeatable. Default: chronological, engagement, bridging
          --recipe FILE       a recipe (the JSON of parameters.recipe); repeatable
          --script FILE       a ranking script (JavaScript with score(p)); repeatable
          --plugin FOLDER     a plugin folder (with plugin.json); naming it here trusts it; repeatable
          --from TIME         first hour replayed, ISO 8601 (default: the hour after the first post)
          --to TIME           last hour replayed (default: the hour of the last record)
          --step-hours N      hours between rankings (default 1)
          --refit-hours N     hours between fits of the as-of bridging model (default 1: every ranking
                              hour); in between the last one serves, as between the service's refits
          --top N             the top N each ranker shows (default 20)
          --window-hours X    candidates are the posts of the last X hours (default 24)
          --max-candidates N  newest posts ranked per hour at most (default 2000)
          --relevant LABEL    the ground-truth label counted as a hit (default Bridging)
          --out FILE          the HTML report (default replay-report.html)
          --help              this text
        """;

    /// <summary>The arguments, or null with <paramref name="error"/> set (or both null: help).</summary>
    public static ReplayArguments? Parse(string[] args, out string? error)
    {
        error = null;
        var a = new ReplayArguments();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "--help" or "-h")
                return null;
            if (name == "--synthetic")
            {
                a = a with { Synthetic = true };
                continue;
            }
            if (i + 1 >= args.Length)
                return Fail($"{name} needs a value (or is unknown); see --help.", out error);
            var value = args[++i];
            try
            {
                a = name switch
                {
                    "--data" => a with { DataPath = ExistingFile(name, value) },
                    "--truth" => a with { TruthPath = ExistingFile(name, value) },
                    "--seed" => a with { Seed = Int(name, value, 0, int.MaxValue) },
                    "--users" => a with { Users = Int(name, value, 10, 1_000_000) },
                    "--posts" => a with { Posts = Int(name, value, 1, 10_000_000) },
                    "--days" => a with { Days = Int(name, value, 1, 90) },
                    "--ranker" => a with { RankerIds = [.. a.RankerIds, value] },
                    "--recipe" => a with { RecipePaths = [.. a.RecipePaths, ExistingFile(name, value)] },
                    "--script" => a with { ScriptPaths = [.. a.ScriptPaths, ExistingFile(name, value)] },
                    "--plugin" => a with { PluginFolders = [.. a.PluginFolders, ExistingFolder(name, value)] },
                    "--from" => a with { From = Time(name, value) },
                    "--to" => a with { To = Time(name, value) },
                    "--step-hours" => a with { StepHours = Int(name, value, 1, 24 * 7) },
                    "--refit-hours" => a with { RefitHours = Int(name, value, 1, 24 * 7) },
                    "--top" => a with { Top = Int(name, value, 1, 500) },
                    "--window-hours" => a with { WindowHours = Int(name, value, 1, 24 * 90) },
                    "--max-candidates" => a with { MaxCandidates = Int(name, value, 1, 100_000) },
                    "--relevant" => a with { Relevant = value },
                    "--out" => a with { OutPath = value },
                    _ => throw new ArgumentException($"unknown option {name}; see --help."),
                };
            }
            catch (ArgumentException e)
            {
                return Fail(e.Message, out error);
            }
        }
        if (a.DataPath is null == !a.Synthetic)
            return Fail("give either --data FILE or --synthetic (one of them).", out error);
        if (a.From > a.To)
            return Fail("--to must not be before --from.", out error);
        if (a.Synthetic && a.TruthPath is not null)
            return Fail("--truth is for --data; synthetic data carries its own ground truth.", out error);
        return a;
    }

    private static ReplayArguments? Fail(string message, out string? error)
    {
        error = message;
        return null;
    }

    private static int Int(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{name} must be a whole number from {min} to {max}, not \"{value}\".");

    private static DateTimeOffset Time(string name, string value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.ToUniversalTime()
            : throw new ArgumentException($"{name} must be an ISO 8601 time such as 2026-11-26T09:00:00Z, not \"{value}\".");

    private static string ExistingFile(string name, string value) =>
        File.Exists(value) ? value : throw new ArgumentException($"{name}: there is no file \"{value}\".");

    private static string ExistingFolder(string name, string value) =>
        Directory.Exists(value) ? value : throw new ArgumentException($"{name}: there is no folder \"{value}\".");
}
