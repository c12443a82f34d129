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

    public static List<BurstFinding> Find(ChoiceTimeline t, AccountStrata strata, CoordinationOptions o, CancellationToken ct) =>
        new Scan(t, strata, o).Run(ct);

    /// <summary>One scan's state: counts per stratum, reused from window to window.</summary>
    private sealed class Scan(ChoiceTimeline t, AccountStrata strata, CoordinationOptions o)
    {
        private readonly List<BurstFinding> found = [];
        private readonly double significance = Math.Log10(o.Significance);
        private readonly long contextTiles = Math.Max(1, (long)Math.Ceiling(o.Context.TotalSeconds / t.TileSeconds));
        private readonly int[] inWindow = new int[strata.Count];
        private readonly int[] inContext = new int[strata.Count];
        private readonly List<int> touched = [];
        private readonly int[] mine = new int[5];

        public List<BurstFinding> Run(CancellationToken ct)
        {
            for (var e = 0; e < t.Events; e++)
            {
                var (start, end) = (t.EventStart[e], t.EventStart[e + 1]);
                if (end - start < o.MinGroupSize)
                    continue;
                if ((e & 0x3FF) == 0)
                    ct.ThrowIfCancellationRequested();
                var open = new Dictionary<int, BurstFinding>();
                // One window starting at every tile the post has choices in.
                for (var i = start; i < end; i = t.FirstAtOrAfter(e, t.TileOf(t.At[i]) + 1))
                {
                    var w = BurstWindow.At(t, e, i, contextTiles);
                    if (w.Participants >= o.MinGroupSize)
                        Test(w, open);
                }
            }
            return found;
        }

        private void Test(BurstWindow w, Dictionary<int, BurstFinding> open)
        {
            var (expected, chance) = RateTest(w);
            var pure = chance <= significance && 1 - expected / w.Participants >= o.PureBurstShare;
            StrataTests(w, expected, chance, pure, open);
            if (pure)
            {
                Record(open, found, new BurstFinding
                {
                    Event = w.Event, FromTile = w.Tile, ToTile = w.Tile + 2, Participants = w.Participants, Expected = expected, Log10Chance = chance,
                    Kind = BurstKind.Pure, Members = [.. t.Rater.AsSpan(w.From, w.Participants)],
                });
            }
        }

        /// <summary>Given the post's choices in the window and around it, the window's share of them
        /// should be the window's share of everyone else's choices then (a test of two rates; the post's
        /// own are left out, or a large burst would raise its own bar). With little else going on, the
        /// prior is time itself: the window's share of window and context.</summary>
        private (double Expected, double Log10Chance) RateTest(BurstWindow w)
        {
            var (othersAround, othersIn) = w.Others(t, contextTiles);
            var timeShare = 2.0 / (2 + 2 * contextTiles);
            var windowShare = (othersIn + QuietPrior * timeShare) / (othersIn + othersAround + QuietPrior);
            var n = w.Participants + w.Context;
            return (n * windowShare, Chance.BinomialTail(w.Participants, n, windowShare));
        }

        /// <summary>Each kind of account among the participants, numerous enough to matter, against its
        /// share among the post's choosers around the window.</summary>
        private void StrataTests(BurstWindow w, double expected, double chance, bool pure, Dictionary<int, BurstFinding> open)
        {
            touched.Clear();
            Count(w.From, w.To, inWindow, 1, touched);
            var tested = false;
            foreach (var s in touched)
            {
                if (inWindow[s] < o.MinGroupSize || !(strata.IsStrong(s) || (s == strata.LightStratum && pure)))
                    continue;
                if (!tested)
                {
                    Count(w.LeftFrom, w.LeftTo, inContext, 1);
                    Count(w.RightFrom, w.RightTo, inContext, 1);
                    tested = true;
                }
                // The stratum's share among the post's choosers around the window, with its share of
                // everyone's choices as a prior: a Beta belief, so a thin context (no new accounts among
                // 100 by chance) cannot make a few of them look certain.
                var a = inContext[s] + StratumPrior * strata.GlobalShare[s];
                var b = w.Context - inContext[s] + StratumPrior * (1 - strata.GlobalShare[s]);
                if (a <= 0 || b <= 0)
                    continue; // everyone is of this kind (or nobody else is): it cannot stand out
                var stratumChance = Chance.BetaBinomialTail(inWindow[s], w.Participants, a, b);
                // The kind must stand out on its own, and the burst's size and who is in it, taken
                // together, must be beyond chance (the second given the first, so they multiply).
                if (stratumChance > StandsOut || chance + stratumChance > significance)
                    continue;
                Record(open, found, new BurstFinding
                {
                    Event = w.Event, FromTile = w.Tile, ToTile = w.Tile + 2, Participants = w.Participants, Expected = expected, Log10Chance = chance,
                    Kind = strata.IsStrong(s) ? BurstKind.Stratum : BurstKind.LightPure, Stratum = s,
                    StratumCount = inWindow[s], StratumExpected = a / (a + b) * w.Participants, StratumLog10Chance = stratumChance,
                    Members = Members(w.From, w.To, s),
                });
            }
            if (tested)
            {
                Count(w.LeftFrom, w.LeftTo, inContext, -1);
                Count(w.RightFrom, w.RightTo, inContext, -1);
            }
            foreach (var s in touched)
                inWindow[s] = 0;
        }

        /// <summary>Adds <paramref name="delta"/> per chooser in positions [from, to) to each of its strata.</summary>
        private void Count(int from, int to, int[] counts, int delta, List<int>? firstSeen = null)
        {
            for (var j = from; j < to; j++)
            {
                var n = strata.Of(t.Rater[j], mine);
                for (var s = 0; s < n; s++)
                {
                    if (counts[mine[s]] == 0)
                        firstSeen?.Add(mine[s]);
                    counts[mine[s]] += delta;
                }
            }
        }

        private HashSet<int> Members(int from, int to, int stratum)
        {
            var members = new HashSet<int>();
            for (var j = from; j < to; j++)
            {
                var n = strata.Of(t.Rater[j], mine);
                if (mine.AsSpan(0, n).Contains(stratum))
                    members.Add(t.Rater[j]);
            }
            return members;
        }
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
}
