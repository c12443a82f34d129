using Middleware.Ranking.Bridging;

namespace Middleware.Ranking.Coordination;

/// <summary>Finds groups of accounts acting together to inflate (or bury) posts, before the bridging
/// model is fitted, so that each group counts as at most one voice on any post. It asks how unlikely
/// the accounts' co-choices are given how popular each post was and how active everyone was at the
/// time, not merely whether choices were close in time: a crowd reacting to the news is expected; the
/// same accounts turning up together again, or a kind of account (new, of one small instance, writing
/// the same text) crowding one post's minutes, is not. See <c>docs/ranking.md</c>.</summary>
internal static class CoordinationGuard
{
    public static CoordinationResult Detect(RatingPairs pairs, IReadOnlyList<string> raters, IReadOnlyList<string> posts,
        CoordinationFacts facts, CoordinationOptions o, CancellationToken ct)
    {
        if (!o.Enabled)
            return CoordinationResult.None(pairs.RaterCount);
        var t = ChoiceTimeline.Build(pairs, o.Window);
        if (t.Count == 0)
            return CoordinationResult.None(pairs.RaterCount);
        var strata = AccountStrata.Build(raters, t, facts, o);
        ct.ThrowIfCancellationRequested();

        var bursts = BurstScan.Find(t, strata, o, ct);
        var suspects = new List<SuspectGroup>();
        foreach (var f in bursts)
        {
            if (f.Kind != BurstKind.Pure && f.Members.Count >= o.MinGroupSize)
                suspects.Add(FromBurst(f, t, strata, o, posts));
        }
        suspects.AddRange(RecurringBursts.Find(bursts.Where(f => f.Kind == BurstKind.Pure).ToList(), t, o, p => posts[p], ct));

        var tied = CoChoicePairs.Find(t, o, ct);
        foreach (var members in DenseGroups.Find(tied, o.Density, minSize: 2))
            suspects.Add(FromTies(members, tied, o));
        ct.ThrowIfCancellationRequested();
        return GroupAssembly.Assemble(suspects, t, pairs.RaterCount, o);
    }

    private static SuspectGroup FromBurst(BurstFinding f, ChoiceTimeline t, AccountStrata strata, CoordinationOptions o, IReadOnlyList<string> posts)
    {
        var verb = ChoiceTimeline.IsDisagreement(f.Event) ? "disagreed with" : "endorsed";
        var reasons = new List<(double, string)>
        {
            (f.Strength, $"{f.StratumCount} of {f.Participants} accounts that {verb} {posts[ChoiceTimeline.PostOf(f.Event)]} "
                + $"within {RecurringBursts.Minutes(f, t)} were {strata.Describe(f.Stratum, o)}, where the post's other choosers around then predict {f.StratumExpected:0.#} "
                + $"(chance {Format(f.StratumLog10Chance)})"),
        };
        if (f.Log10Chance <= Math.Log10(o.Significance))
            reasons.Add((f.Log10Chance, $"the post drew {f.Participants} choices in those minutes where its own activity predicts {f.Expected:0.#} (chance {Format(f.Log10Chance)})"));
        return new SuspectGroup { Members = [.. f.Members], Log10Chance = f.Strength, Kind = "burst", Reasons = reasons };
    }

    private static SuspectGroup FromTies(HashSet<int> members, List<TiedPair> tied, CoordinationOptions o)
    {
        var inside = tied.Where(p => members.Contains(p.A) && members.Contains(p.B)).ToList();
        var strongest = inside.Min(p => p.Log10Chance);
        var chance = Math.Max(-300, strongest);
        return new SuspectGroup
        {
            Members = members,
            Log10Chance = chance,
            Kind = "co-choices",
            Reasons =
            [
                (chance, $"{members.Count} accounts chose the same posts within {o.Window.TotalMinutes:0.#} minutes of each other {inside.Average(p => p.CoChoices):0.#} times per tied pair, "
                    + $"where what was popular at those moments predicts {inside.Average(p => p.Expected):0.##} (strongest pair: chance {Format(strongest)})"),
            ],
        };
    }

    /// <summary>"1e-38" from a log10 chance.</summary>
    public static string Format(double log10Chance) =>
        log10Chance <= -300 ? "below 1e-300" : $"1e{Math.Floor(log10Chance):0}";
}
