namespace Middleware.Ranking.Builtin;

/// <summary>Boosts, favourites and replies, decayed with age: the engagement ranking that the
/// product exists to offer an alternative to. It ships as a baseline so that audits can compare
/// against it; it is never a feed's default.</summary>
public sealed class EngagementRanker : IRanker
{
    public const string Id = "engagement";

    public RankerMetadata Metadata { get; } = new()
    {
        Id = Id,
        Version = "1.0.0",
        Description = "Weighted boosts, favourites and replies with exponential time decay. A baseline for comparison; not recommended as a default.",
        MainParameters = "Posts that received the most boosts, favourites and replies come first, and a post's weight halves every few hours as it ages. It rewards what is already popular, whoever made it popular.",
        MainParametersTranslated = new Dictionary<string, string>
        {
            ["nl"] = "Berichten met de meeste boosts, favorieten en antwoorden komen eerst, en het gewicht van een bericht halveert om de paar uur naarmate het ouder wordt. Zo wint wat al populair is, wie het ook populair maakte.",
        },
        UsesProfiling = false,
        Parameters =
        [
            new ParameterDescriptor("boostWeight", ParameterType.Number, 2.0, "Points per boost.") { Minimum = 0, Maximum = 1000 },
            new ParameterDescriptor("favouriteWeight", ParameterType.Number, 1.0, "Points per favourite.") { Minimum = 0, Maximum = 1000 },
            new ParameterDescriptor("replyWeight", ParameterType.Number, 1.5, "Points per reply.") { Minimum = 0, Maximum = 1000 },
            new ParameterDescriptor("halfLifeHours", ParameterType.Number, 6.0, "Hours after which a post's points count half.") { Minimum = 0.01, Maximum = 24 * 365 },
        ],
    };

    public ValueTask<RankingResult> RankAsync(RankingRequest request, CancellationToken cancellationToken)
    {
        var p = request.Parameters;
        var boostWeight = p.GetNumber("boostWeight", 2.0, 0, 1000);
        var favouriteWeight = p.GetNumber("favouriteWeight", 1.0, 0, 1000);
        var replyWeight = p.GetNumber("replyWeight", 1.5, 0, 1000);
        var halfLife = p.GetNumber("halfLifeHours", 6.0, 0.01, 24 * 365);

        var scored = new List<(Candidate Candidate, double Score, double Decay)>(request.Candidates.Count);
        foreach (var c in request.Candidates)
        {
            var decay = Math.Pow(0.5, c.AgeAt(request.Now).TotalHours / halfLife);
            var points = boostWeight * c.Boosts + favouriteWeight * c.Favourites + replyWeight * c.Replies;
            scored.Add((c, points * decay, decay));
        }

        var items = scored
            .OrderByDescending(s => s.Score)
            .ThenByDescending(s => s.Candidate.Published)
            .ThenBy(s => s.Candidate.PostUri, StringComparer.Ordinal)
            .Take(request.Limit)
            .Select(s =>
            {
                var c = s.Candidate;
                IReadOnlyList<ExplanationFactor> factors =
                [
                    new("boosts", c.Boosts, boostWeight * c.Boosts * s.Decay),
                    new("favourites", c.Favourites, favouriteWeight * c.Favourites * s.Decay),
                    new("replies", c.Replies, replyWeight * c.Replies * s.Decay),
                    new("ageHours", c.AgeAt(request.Now).TotalHours, 0, $"weight ×{s.Decay:0.###} for age"),
                ];
                return new RankedItem(c.PostUri, s.Score, new Explanation(
                    Id,
                    $"{c.Boosts} boosts, {c.Favourites} favourites and {c.Replies} replies, published {Ages.Describe(c.AgeAt(request.Now))} ago.",
                    factors.OrderByDescending(f => Math.Abs(f.Contribution)).ToList()));
            })
            .ToList();
        return ValueTask.FromResult(new RankingResult(items));
    }
}
