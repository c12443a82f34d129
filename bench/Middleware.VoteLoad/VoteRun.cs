using System.Diagnostics;

namespace Middleware.VoteLoad;

public sealed record Measure(string Request, double PerSecond, double P50, double P90, double P99, double Max, long Errors);

public sealed record RunResult(string Name, IReadOnlyList<Measure> Measures);

/// <summary>Closed-loop load: each person sends their next request when the last one is answered, for
/// a fixed time. Reading only, or voting (read, then post a vote on the post it showed).</summary>
public static class VoteRun
{
    private static readonly string[] Votes = ["agree", "disagree", "pass"];

    public static async Task<RunResult> RunAsync(string name, IReadOnlyList<Person> people, TimeSpan duration, bool vote)
    {
        var clock = Stopwatch.StartNew();
        var runs = people.Select((person, index) => Task.Run(async () =>
        {
            var (reads, finished, posts) = (new List<long>(50_000), new List<long>(), new List<long>(50_000));
            var errors = 0L;
            var random = new Random(index);
            while (clock.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                var (ok, token, post) = await person.ReadAsync();
                if (!ok) { errors++; continue; }
                // A page with a post to vote on, or the thank-you of someone who voted on every post.
                (post is null ? finished : reads).Add(Stopwatch.GetTimestamp() - start);
                if (!vote || token is null || post is null)
                    continue;
                start = Stopwatch.GetTimestamp();
                if (await person.VoteAsync(token, post, Votes[random.Next(Votes.Length)]))
                    posts.Add(Stopwatch.GetTimestamp() - start);
                else
                    errors++;
            }
            return (reads, finished, posts, errors);
        })).ToList();
        var done = await Task.WhenAll(runs);
        var elapsed = clock.Elapsed.TotalSeconds;
        var errors = done.Sum(d => d.errors);
        var measures = new List<Measure> { Summarize("GET (a post to vote on)", done.SelectMany(d => d.reads).ToList(), elapsed, errors) };
        if (done.Any(d => d.finished.Count > 0))
            measures.Add(Summarize("GET (all voted: thank-you)", done.SelectMany(d => d.finished).ToList(), elapsed, 0));
        if (vote)
            measures.Add(Summarize("POST vote (303)", done.SelectMany(d => d.posts).ToList(), elapsed, 0));
        foreach (var m in measures)
            Console.WriteLine($"{name} {m.Request}: {m.PerSecond:N0}/s, p50 {m.P50:0.0} ms, p90 {m.P90:0.0} ms, p99 {m.P99:0.0} ms, max {m.Max:0.0} ms, {m.Errors} errors");
        return new RunResult(name, measures);
    }

    private static Measure Summarize(string request, List<long> ticks, double seconds, long errors)
    {
        ticks.Sort();
        double Ms(long t) => t * 1000.0 / Stopwatch.Frequency;
        double At(double p) => ticks.Count == 0 ? double.NaN : Ms(ticks[Math.Min(ticks.Count - 1, (int)(p * ticks.Count))]);
        return new Measure(request, ticks.Count / seconds, At(0.50), At(0.90), At(0.99), ticks.Count == 0 ? double.NaN : Ms(ticks[^1]), errors);
    }
}
