using System.Globalization;
using Jint;
using Jint.Native;
using Jint.Runtime;
using Microsoft.Extensions.Options;
using Middleware.Ranking.Scoring;

namespace Middleware.Ranking.Scripts;

/// <summary>Ranks by a JavaScript function a user writes, <c>score(post, context)</c>, run in a
/// sandbox (see <see cref="ScriptSandbox"/>). A script that overruns a limit, throws or returns
/// something other than a number is stopped with a <see cref="ScriptFailedException"/>, and the
/// runner falls back to chronological order with the reason. See docs/ranking.md#scripts.</summary>
public sealed class ScriptRanker : IRanker
{
    public const string Id = "script";

    private readonly ScriptOptions options;
    private readonly TimeSpan timeLimit;
    private readonly BoundedCache<ScoreScript> scripts;
    private readonly SemaphoreSlim turns;

    public ScriptRanker(IOptions<ScriptOptions> options, IOptions<RankingOptions> ranking)
    {
        this.options = options.Value;
        // The script's own limit must fire before the runner's budget, or the user would only learn
        // that the ranking was slow, not what the script did.
        var ceiling = ranking.Value.TimeBudget * 0.75;
        timeLimit = this.options.TimeLimit < ceiling ? this.options.TimeLimit : ceiling;
        scripts = new BoundedCache<ScoreScript>(this.options.CacheCapacity);
        turns = new SemaphoreSlim(Math.Max(1, this.options.MaxConcurrentRankings));
    }

    /// <summary>How many prepared scripts are cached (for tests).</summary>
    internal int CachedScripts => scripts.Count;

    /// <summary>How many rankings hold a turn (for tests, which wait on it instead of sleeping).</summary>
    internal int RankingsRunning => Math.Max(1, options.MaxConcurrentRankings) - turns.CurrentCount;

    public RankerMetadata Metadata { get; } = new()
    {
        Id = Id,
        Version = "1.0.0",
        Description = "A JavaScript function score(post, context) written by the feed's owner, run in a sandbox with limits on time, memory and statements.",
        MainParameters = "A small program written by the feed's owner gives every post a score from its public facts (interactions, age, language, media, hashtags, text…); higher scores come first. The program is published with the feed. It cannot reach the network or anything else on the server.",
        MainParametersTranslated = new Dictionary<string, string>
        {
            ["nl"] = "Een klein programma van de eigenaar van de feed geeft elk bericht een score op basis van openbare gegevens (interacties, leeftijd, taal, media, hashtags, tekst…); hogere scores komen eerst. Het programma wordt met de feed gepubliceerd. Het kan niet bij het netwerk of bij iets anders op de server.",
        },
        UsesProfiling = false,
        Parameters =
        [
            new ParameterDescriptor("script", ParameterType.String, null, "JavaScript defining function score(post, context) that returns a number or {score, reason}."),
        ],
    };

    public async ValueTask<RankingResult> RankAsync(RankingRequest request, CancellationToken cancellationToken)
    {
        var text = request.Parameters.GetString("script")
            ?? throw new RankerParameterException("script", "is required: JavaScript defining function score(post, context).");
        // Every running script may hold its whole memory allowance: bound how many run at once. A
        // ranking waits at most half its time for a turn, so that it keeps half to run.
        var waiting = System.Diagnostics.Stopwatch.StartNew();
        if (!await turns.WaitAsync(timeLimit / 2, cancellationToken))
            throw new ScriptFailedException($"{options.MaxConcurrentRankings} scripts were already ranking, and none finished within {timeLimit.TotalMilliseconds / 2:0} ms.");
        try
        {
            return Rank(request, text, timeLimit - waiting.Elapsed, cancellationToken);
        }
        finally
        {
            turns.Release();
        }
    }

    private RankingResult Rank(RankingRequest request, string text, TimeSpan timeLeft, CancellationToken cancellationToken)
    {
        var script = scripts.GetOrAdd(text, t => ScoreScript.Compile(t, options));

        var candidates = request.Candidates;
        var scores = new double[candidates.Count];
        var reasons = new string?[candidates.Count];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(timeLeft > TimeSpan.Zero ? timeLeft : TimeSpan.FromMilliseconds(1));
        var scored = 0;
        try
        {
            Score(script, request, scores, reasons, stop.Token, ref scored);
        }
        catch (ExecutionCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (ExecutionCanceledException)
        {
            throw new ScriptFailedException($"the script ran longer than {timeLimit.TotalMilliseconds:0} ms in total ({scored:N0} of {candidates.Count:N0} posts scored).");
        }

        var all = new int[candidates.Count];
        for (var i = 0; i < all.Length; i++)
            all[i] = i;
        var top = TopSelection.Select(all, all.Length, request.Limit, new ScoreOrder(scores, candidates));
        var items = new List<RankedItem>(top.Length);
        foreach (var i in top)
            items.Add(new RankedItem(candidates[i].PostUri, scores[i], Explain(scores[i], reasons[i])));
        return new RankingResult(items);
    }

    /// <summary>Scores every candidate, counting in <paramref name="scored"/> how many are done.</summary>
    private void Score(ScoreScript script, RankingRequest request, double[] scores, string?[] reasons, CancellationToken stop, ref int scored)
    {
        var sandbox = new ScriptSandbox(options, stop);
        var score = sandbox.Load(script.Prepared);
        var posts = new ScriptPosts(sandbox.Engine);
        var arguments = new JsValue[] { JsValue.Undefined, posts.Context(request) };
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var candidates = request.Candidates;
        for (var i = 0; i < candidates.Count; i++)
        {
            var c = candidates[i];
            arguments[0] = posts.Post(c, c.AgeAt(request.Now).TotalHours);
            try
            {
                // Reading the result is inside: a returned object's getter is script code too.
                scores[i] = ScriptResults.Read(score.Call(JsValue.Undefined, arguments), c, out reasons[i]);
            }
            catch (Exception e) when (sandbox.Describe(e, "score()") is { } problem)
            {
                throw new ScriptFailedException(problem);
            }
            scored = i + 1;
            if (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore > options.TotalMemoryLimitBytes)
                throw new ScriptFailedException($"the script allocated more than {options.TotalMemoryLimitBytes / (1024 * 1024)} MB in total ({i + 1:N0} of {candidates.Count:N0} posts scored).");
        }
    }

    private static Explanation Explain(double score, string? reason)
    {
        var formatted = score.ToString("0.###", CultureInfo.InvariantCulture);
        return new Explanation(Id,
            reason is null ? $"The feed's script scored this post {formatted}." : $"The feed's script scored this post {formatted}: {reason}",
            [new ExplanationFactor("script", score, score, reason)]);
    }
}
