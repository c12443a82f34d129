using System.Globalization;

namespace Middleware.Synthetic;

/// <summary>What the command line asked for.</summary>
public sealed record CommandLineRequest(SyntheticOptions Options, string? TruthPath, bool PositivesOnly, string? Scenario = null);

/// <summary>Parses the generator's command line.</summary>
public static class CommandLine
{
    public const string Usage = """
        Writes a synthetic fediverse audience as NDJSON (the import format) to standard output.

        Usage: dotnet run --project tools/Middleware.Synthetic -- [options] > sample.ndjson

          --seed N              random seed (default 1); same options and seed, same output
          --users N             organic accounts (default 2000)
          --posts N             posts (default 500)
          --seen-per-user X     average posts an account is shown (default 60)
          --impression-share X  share of accounts whose impressions and "show less" are recorded (default 0.5)
          --bridging-share X    share of posts liked across both communities (default 0.1)
          --partisan-share X    share of posts liked by one community, split evenly (default 0.6)
          --noise X             chance of endorsing any post seen (default 0.02)
          --bots N              accounts in the coordinated cluster or botnet (default 100; 0 for none)
          --attack KIND         cluster (default: boosts a target and cover posts together) or botnet
                                (new accounts boost a target within minutes, cover posts on their own)
          --cover-posts N       cluster: posts boosted together besides the target (default 4);
                                botnet: random posts each account boosts on its own
          --timing KIND         spread (default: reactions hours after posts) or burst (everyone in the
                                same 10 minutes, a news moment)
          --scenario NAME       one of the named audiences the coordination guard is held to (cluster,
                                crowd, botnet-spread, botnet-burst, sessions; docs/ranking.md); only
                                --seed, --now, --positives-only and --truth apply with it
          --positives-only      write only favourites, boosts and replies (plain Mastodon)
          --now TIME            the moment the data ends, ISO 8601 (default 2026-11-26T12:00:00Z, fixed so
                                output is reproducible); posts span the 48 hours before it. Services rank
                                recent posts only: pass the current time, e.g. --now "$(date -u +%FT%TZ)"
          --truth FILE          also write uri,label lines (the ground truth) to FILE
          --help                this text
        """;

    /// <summary>The request, or null with <paramref name="error"/> set (or with help asked for, both null).</summary>
    public static CommandLineRequest? Parse(string[] args, out string? error)
    {
        error = null;
        var o = new SyntheticOptions();
        string? truth = null, scenario = null;
        var positivesOnly = false;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "--help" or "-h")
                return null;
            if (name == "--positives-only")
            {
                positivesOnly = true;
                continue;
            }
            if (i + 1 >= args.Length)
            {
                error = $"{name} needs a value (or is unknown); see --help.";
                return null;
            }
            var value = args[++i];
            try
            {
                o = name switch
                {
                    "--seed" => o with { Seed = Int(value) },
                    "--users" => o with { Users = Int(value) },
                    "--posts" => o with { Posts = Int(value) },
                    "--seen-per-user" => o with { SeenPerUser = Number(value) },
                    "--impression-share" => o with { ImpressionShare = Number(value) },
                    "--bridging-share" => o with { BridgingShare = Number(value) },
                    "--partisan-share" => o with { PartisanShare = Number(value) },
                    "--noise" => o with { Noise = Number(value) },
                    "--bots" => o with { CoordinatedAccounts = Int(value) },
                    "--cover-posts" => o with { CoverPosts = Int(value) },
                    "--attack" => o with { Attack = Choice<Attack>(name, value) },
                    "--timing" => o with { Timing = Choice<Timing>(name, value) },
                    "--scenario" => Scenarios.Names.Contains(value) ? o : throw new ArgumentException($"--scenario: '{value}' is not one of {string.Join(", ", Scenarios.Names)}."),
                    "--now" => o with { Now = Time(value) },
                    "--truth" => o,
                    _ => throw new ArgumentException($"unknown option {name}; see --help."),
                };
                if (name == "--truth")
                    truth = value;
                if (name == "--scenario")
                    scenario = value;
            }
            catch (FormatException)
            {
                error = name == "--now" ? $"--now: '{value}' is not an ISO 8601 time." : $"{name}: '{value}' is not a valid number.";
                return null;
            }
            catch (ArgumentException e)
            {
                error = e.Message;
                return null;
            }
        }
        if (o.Problem() is { } problem)
        {
            error = problem;
            return null;
        }
        return new CommandLineRequest(o, truth, positivesOnly, scenario);
    }

    private static T Choice<T>(string name, string value) where T : struct, Enum =>
        Enum.TryParse<T>(value, ignoreCase: true, out var choice) && Enum.IsDefined(choice)
            ? choice
            : throw new ArgumentException($"{name}: '{value}' is not one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}.");

    private static int Int(string s) => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static double Number(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static DateTimeOffset Time(string s) =>
        DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime();
}
