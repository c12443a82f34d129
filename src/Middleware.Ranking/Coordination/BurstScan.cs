namespace Middleware.Ranking.Coordination;

/// <summary>Finds bursts: windows in which a post drew a larger share of its choices than the window
/// holds of everyone's choices at that time (so a news moment, when everyone acts at once, is not a
/// burst); and, within a window, kinds of account far more common than among
/// the post's choosers around it (so a botnet hidden inside a real crowd still shows).</summary>
/// <remarks>Windows are two tiles of half the window each, one starting at every tile the post has
/// choices in; the context is <see cref="CoordinationOptions.Context"/> on either side, a tile away. Each choice is
/// read a bounded number of times (as participant twice, as context about 2·Context/tile times), so
/// the scan is linear in choices.</remarks>
internal static class BurstScan
{
    /// <summary>Pseudo-choices pulling a stratum's share among a post's choosers around a window
    /// towards its share of everyone's choices, when the post had few choosers around it.</summary>
    private const double StratumPrior = 50;

    /// <summary>log10 of the largest chance at which a kind of account stands out in a window by itself.</summary>
    private const double StandsOut = -4;

    /// <summary>Pseudo-choices of everyone else, spread evenly in time, for quiet moments.</summary>
    private const double QuietPrior = 10;

    public static List<BurstFinding> Find(ChoiceTimeline t, AccountStrata strata, CoordinationOptions o, CancellationToken ct)
    {
        var found = new List<BurstFinding>();
        var significance = Math.Log10(o.Significance);
        var contextTiles = Math.Max(1, (long)Math.Ceiling(o.Context.TotalSeconds / t.TileSeconds));
        var timeShare = 2.0 / (2 + 2 * contextTiles);
        var inWindow = new int[strata.Count];
        var inContext = new int[strata.Count];
        var touched = new List<int>();
        Span<int> mine = stackalloc int[5];
        for (var e = 0; e < t.Events; e++)
        {
            var (start, end) = (t.EventStart[e], t.EventStart[e + 1]);
            if (end - start < o.MinGroupSize)
                continue;
            if ((e & 0x3FF) == 0)
                ct.ThrowIfCancellationRequested();
            var open = new Dictionary<int, BurstFinding>();
            for (var i = start; i < end;)
            {
                var k = t.TileOf(t.At[i]);
                var winEnd = t.FirstAtOrAfter(e, k + 2);
                var nextTile = t.FirstAtOrAfter(e, k + 1);
                var participants = winEnd - i;
                if (participants >= o.MinGroupSize)
                {
                    // The context leaves a tile out on each side of the window: a burst that spills
                    // over the window's edge must not count as its own context.
                    var (leftFrom, leftTo) = (t.FirstAtOrAfter(e, k - 1 - contextTiles), t.FirstAtOrAfter(e, k - 1));
                    var (rightFrom, rightTo) = (t.FirstAtOrAfter(e, k + 3), t.FirstAtOrAfter(e, k + 3 + contextTiles));
                    var context = (leftTo - leftFrom) + (rightTo - rightFrom);
                    // Given the post's choices in the window and around it, the window's share of them
                    // should be the window's share of everyone else's choices then (a test of two
                    // rates; the post's own are left out, or a large burst would raise its own bar).
                    var othersAround = t.Activity(k - 1 - contextTiles, k - 1) + t.Activity(k + 3, k + 3 + contextTiles) - context;
                    var othersIn = t.Activity(k, k + 2) - participants;
                    // With little else going on, the prior is time itself: the window's share of the span.
                    var windowShare = (othersIn + QuietPrior * timeShare) / (othersIn + othersAround + QuietPrior);
                    var expected = (participants + context) * windowShare;
                    var chance = Chance.BinomialTail(participants, participants + context, windowShare);
                    var pure = chance <= significance && 1 - expected / participants >= o.PureBurstShare;

                    // Strata among the participants, then (only for those numerous enough) around them.
                    touched.Clear();
                    for (var j = i; j < winEnd; j++)
                    {
                        var n = strata.Of(t.Rater[j], mine);
                        for (var s = 0; s < n; s++)
                        {
                            if (inWindow[mine[s]]++ == 0)
                                touched.Add(mine[s]);
                        }
                    }
                    var tested = false;
                    foreach (var s in touched)
                    {
                        if (inWindow[s] < o.MinGroupSize || !(strata.IsStrong(s) || (s == strata.LightStratum && pure)))
                            continue;
                        if (!tested)
                        {
                            CountContext(t, strata, leftFrom, leftTo, inContext, mine);
                            CountContext(t, strata, rightFrom, rightTo, inContext, mine);
                            tested = true;
                        }
                        // The stratum's share among the post's choosers around the window, with its
                        // share of everyone's choices as a weak prior: a Beta belief, so a thin context
                        // (no new accounts among 100 by chance) cannot make a few of them look certain.
                        var a = inContext[s] + StratumPrior * strata.GlobalShare[s];
                        var b = context - inContext[s] + StratumPrior * (1 - strata.GlobalShare[s]);
                        if (a <= 0 || b <= 0)
                            continue; // everyone is of this kind (or nobody else is): it cannot stand out
                        var baseline = a / (a + b);
                        var stratumChance = Chance.BetaBinomialTail(inWindow[s], participants, a, b);
                        // The kind must stand out on its own, and the burst's size and who is in it,
                        // taken together, must be beyond chance (the second given the first, so they multiply).
                        if (stratumChance > StandsOut || chance + stratumChance > significance)
                            continue;
                        Record(open, found, new BurstFinding
                        {
                            Event = e, FromTile = k, ToTile = k + 2, Participants = participants, Expected = expected, Log10Chance = chance,
                            Kind = strata.IsStrong(s) ? BurstKind.Stratum : BurstKind.LightPure, Stratum = s,
                            StratumCount = inWindow[s], StratumExpected = baseline * participants, StratumLog10Chance = stratumChance,
                            Members = Members(t, strata, i, winEnd, s, mine),
                        });
                    }
                    if (tested)
                    {
                        CountContext(t, strata, leftFrom, leftTo, inContext, mine, -1);
                        CountContext(t, strata, rightFrom, rightTo, inContext, mine, -1);
                    }
                    foreach (var s in touched)
                        inWindow[s] = 0;
                    if (pure)
                    {
                        Record(open, found, new BurstFinding
                        {
                            Event = e, FromTile = k, ToTile = k + 2, Participants = participants, Expected = expected, Log10Chance = chance,
                            Kind = BurstKind.Pure, Members = [.. t.Rater.AsSpan(i, winEnd - i)],
                        });
                    }
                }
                i = nextTile;
            }
        }
        return found;
    }

    /// <summary>Adds the finding, or merges it into the same post's finding of the same stratum whose
    /// window it overlaps (one burst seen from two overlapping windows is one burst).</summary>
    private static void Record(Dictionary<int, BurstFinding> open, List<BurstFinding> found, BurstFinding f)
    {
        var key = f.Kind == BurstKind.Pure ? -1 : f.Stratum;
        if (open.TryGetValue(key, out var last) && last.ToTile >= f.FromTile)
        {
            last.Members.UnionWith(f.Members);
            last.ToTile = f.ToTile;
            if (f.Strength < last.Strength)
            {
                (last.Participants, last.Expected, last.Log10Chance) = (f.Participants, f.Expected, f.Log10Chance);
                (last.StratumCount, last.StratumExpected, last.StratumLog10Chance) = (f.StratumCount, f.StratumExpected, f.StratumLog10Chance);
            }
            return;
        }
        open[key] = f;
        found.Add(f);
    }

    private static void CountContext(ChoiceTimeline t, AccountStrata strata, int from, int to, int[] counts, Span<int> mine, int delta = 1)
    {
        for (var j = from; j < to; j++)
        {
            var n = strata.Of(t.Rater[j], mine);
            for (var s = 0; s < n; s++)
                counts[mine[s]] += delta;
        }
    }

    private static HashSet<int> Members(ChoiceTimeline t, AccountStrata strata, int from, int to, int stratum, Span<int> mine)
    {
        var members = new HashSet<int>();
        for (var j = from; j < to; j++)
        {
            var n = strata.Of(t.Rater[j], mine);
            for (var s = 0; s < n; s++)
            {
                if (mine[s] == stratum)
                    members.Add(t.Rater[j]);
            }
        }
        return members;
    }
}
