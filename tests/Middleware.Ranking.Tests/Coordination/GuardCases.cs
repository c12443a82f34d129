using Middleware.Core.Ranking;
using Middleware.Ranking.Bridging;
using Middleware.Ranking.Coordination;

namespace Middleware.Ranking.Tests.Coordination;

/// <summary>Small hand-made audiences for the coordination guard: an ordinary background of accounts
/// acting over two days, and whatever a test adds to it.</summary>
internal sealed class GuardCases
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    public List<RatingSignal> Signals { get; } = [];
    public Dictionary<string, DateTimeOffset> Created { get; } = new(StringComparer.Ordinal);
    private readonly Random random;

    public GuardCases(int seed, int accounts = 300, int posts = 200, int choicesEach = 10)
    {
        random = new Random(seed);
        for (var a = 0; a < accounts; a++)
        {
            Created[Background(a)] = T0.AddDays(-400 + random.Next(300));
            foreach (var p in Enumerable.Range(0, posts).OrderBy(_ => random.Next()).Take(choicesEach))
                Signals.Add(new RatingSignal(Background(a), Post(p), RatingKind.Favourite, T0.AddMinutes(random.Next(0, 48 * 60))));
        }
    }

    public static string Background(int a) => $"https://town.example/users/b{a}";
    public static string Post(int p) => $"https://town.example/notes/{p}";

    /// <summary>Each account chooses the post at a random moment within <paramref name="seconds"/> after <paramref name="at"/>.</summary>
    public void Burst(IEnumerable<string> accounts, string post, DateTimeOffset at, int seconds = 120, RatingKind kind = RatingKind.Boost)
    {
        foreach (var account in accounts)
            Signals.Add(new RatingSignal(account, post, kind, at.AddSeconds(random.Next(0, seconds))));
    }

    public IEnumerable<string> Some(int count, int outOf = 300) =>
        Enumerable.Range(0, outOf).OrderBy(_ => random.Next()).Take(count).Select(Background).ToList();

    public (CoordinationResult Result, RatingLog Log) Detect(CoordinationOptions? options = null, CoordinationFacts? facts = null) =>
        Run(Signals, facts ?? new CoordinationFacts(Created, new Dictionary<string, int>(), 0), options);

    public static (CoordinationResult Result, RatingLog Log) Run(IEnumerable<RatingSignal> signals, CoordinationFacts? facts = null, CoordinationOptions? options = null)
    {
        var log = RatingLog.From(signals);
        var pairs = RatingPairs.Collapse(log, default);
        return (CoordinationGuard.Detect(pairs, log.Raters, log.Posts, facts ?? CoordinationFacts.None, options ?? new CoordinationOptions(), default), log);
    }
}

internal static class GuardResults
{
    public static HashSet<string> Flagged(this (CoordinationResult Result, RatingLog Log) d) =>
        d.Result.Groups.SelectMany(g => g.Members).Select(m => d.Log.Raters[m]).ToHashSet(StringComparer.Ordinal);
}
