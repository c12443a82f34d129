namespace Middleware.Ranking.Builtin;

/// <summary>Newest first. Uses nothing about the viewer: the option without profiling that a feed
/// must always offer (DSA art. 38), and the fallback when another ranker cannot run.</summary>
public sealed class ChronologicalRanker : IRanker
{
    public const string Id = "chronological";

    public RankerMetadata Metadata { get; } = new()
    {
        Id = Id,
        Version = "1.0.0",
        Description = "Newest posts first.",
        MainParameters = "Posts are shown in the order they were published, newest first. Nothing about you or about how popular a post is changes the order.",
        MainParametersTranslated = new Dictionary<string, string>
        {
            ["nl"] = "Berichten staan in de volgorde waarin ze zijn gepubliceerd, nieuwste eerst. Niets over jou of over hoe populair een bericht is verandert de volgorde.",
        },
        UsesProfiling = false,
    };

    public ValueTask<RankingResult> RankAsync(RankingRequest request, CancellationToken cancellationToken)
    {
        var items = request.Candidates
            .OrderByDescending(c => c.Published)
            .ThenBy(c => c.PostUri, StringComparer.Ordinal)
            .Take(request.Limit)
            .Select(c =>
            {
                var ageHours = c.AgeAt(request.Now).TotalHours;
                return new RankedItem(c.PostUri, -ageHours, new Explanation(
                    Id,
                    $"Published {Ages.Describe(c.AgeAt(request.Now))} ago; newer posts come first.",
                    [new ExplanationFactor("ageHours", ageHours, -ageHours)]));
            })
            .ToList();
        return ValueTask.FromResult(new RankingResult(items));
    }
}
