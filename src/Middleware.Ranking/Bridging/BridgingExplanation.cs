namespace Middleware.Ranking.Bridging;

/// <summary>The explanation of a bridging placement: which sides endorsed the post and what is left
/// once one side's preference is removed, or why the post is in cold start.</summary>
internal static class BridgingExplanation
{
    public static Explanation Scored(PostScore s, BridgingSnapshot snapshot)
    {
        var summary = $"Endorsed by {Accounts(s.EndorsersA)} on {snapshot.SideA.Describe()} of the main divide and {s.EndorsersB} on {snapshot.SideB.Describe()}; "
            + $"the part explained by one side's preference is removed, leaving a bridging score of {s.Intercept:0.000}.";
        if (s.Coordinated > 0)
            summary += $" {s.Coordinated} of the {Accounts(s.Endorsers)} endorsing it {(s.Coordinated == 1 ? "belongs" : "belong")} to {Groups(s.CoordinatedGroups)} found acting together; "
                + (s.CoordinatedGroups == 1 ? "the group counted as one voice." : "each group counted as one voice.");
        List<ExplanationFactor> factors =
        [
            new("bridgingScore", s.Intercept, s.Intercept, "approval across the divide (the model's post intercept)"),
            new("polarity", s.Factor, 0, s.Factor switch
            {
                > 0 => "leans to side A; not counted in the score",
                < 0 => "leans to side B; not counted in the score",
                _ => "leans to neither side",
            }),
            new("endorsersSideA", s.EndorsersA, 0, snapshot.SideA.Describe()),
            new("endorsersSideB", s.EndorsersB, 0, snapshot.SideB.Describe()),
            new("ratings", s.Evidence, 0, "weighted ratings: endorsements, disagreements and impressions"),
        ];
        if (s.Coordinated > 0)
        {
            factors.Add(new("coordinatedEndorsers", s.Coordinated, 0, "endorsers in groups found acting together; each group counted as one voice"));
            factors.Add(new("coordinationScore", s.CoordinationScore, 0, "share of the endorsers that belong to such groups"));
        }
        return new Explanation(BridgingRanker.Id, summary, factors);
    }

    /// <summary>A post without enough ratings (or any post before the first fit): placed at the
    /// median bridging score, so new posts get seen without outranking proven ones.</summary>
    public static Explanation ColdStart(double evidence, int minRatings, BridgingSnapshot? snapshot)
    {
        var score = snapshot?.ColdStartScore ?? 0;
        var why = snapshot is not null
            ? $"Not enough ratings yet to judge it across the divide ({evidence:0.#} of {minRatings} weighted ratings)"
            : "The bridging model has not been fitted yet";
        return new Explanation(BridgingRanker.Id,
            $"{why}: placed at the median bridging score ({score:0.000}), as an average post would be; newer posts first among these.",
            [
                new("bridgingScore", score, score, "cold start: the median of scored posts"),
                new("ratings", evidence, 0, $"fewer than {minRatings} weighted ratings"),
            ]);
    }

    private static string Accounts(int n) => n == 1 ? "1 account" : $"{n} accounts";

    private static string Groups(int n) => n == 1 ? "a group" : $"{n} groups";
}
