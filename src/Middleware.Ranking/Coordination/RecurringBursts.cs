using Middleware.Ranking.Bridging;

namespace Middleware.Ranking.Coordination;

/// <summary>Pure bursts on their own prove nothing: a feed account boosting a post, or a post from an
/// account with many followers, brings a real crowd within minutes. What a crowd does not do is come
/// back: two pure bursts on different posts, at moments far enough apart to be separate, sharing most
/// of their accounts, are the same accounts acting together again. The group is the accounts present
/// in at least two linked bursts.</summary>
internal static class RecurringBursts
{
    public static List<SuspectGroup> Find(List<BurstFinding> pure, ChoiceTimeline t, CoordinationOptions o, Func<int, string> describePost, CancellationToken ct)
    {
        var groups = new List<SuspectGroup>();
        if (pure.Count < 2)
            return groups;
        var separateTiles = 2 * (long)Math.Ceiling(o.Context.TotalSeconds / t.TileSeconds) + 2;
        var burstsOf = new Dictionary<int, List<int>>();
        for (var b = 0; b < pure.Count; b++)
        {
            foreach (var account in pure[b].Members)
            {
                if (!burstsOf.TryGetValue(account, out var list))
                    burstsOf[account] = list = [];
                list.Add(b);
            }
        }
        var links = new UnionFind(pure.Count);
        var linked = new bool[pure.Count];
        var shared = new Dictionary<int, int>();
        for (var b = 0; b < pure.Count; b++)
        {
            ct.ThrowIfCancellationRequested();
            shared.Clear();
            foreach (var account in pure[b].Members)
            {
                foreach (var other in burstsOf[account])
                {
                    if (other > b)
                        shared[other] = shared.GetValueOrDefault(other) + 1;
                }
            }
            foreach (var (other, count) in shared)
            {
                var (x, y) = (pure[b], pure[other]);
                if (ChoiceTimeline.PostOf(x.Event) == ChoiceTimeline.PostOf(y.Event)
                    || Math.Abs(x.FromTile - y.FromTile) < separateTiles
                    || count < o.MinGroupSize
                    || count < o.RecurringOverlap * Math.Min(x.Members.Count, y.Members.Count))
                    continue;
                links.Union(b, other);
                linked[b] = linked[other] = true;
            }
        }

        foreach (var component in Enumerable.Range(0, pure.Count).Where(b => linked[b]).GroupBy(links.Find))
        {
            var bursts = component.ToList();
            var seen = new Dictionary<int, int>();
            foreach (var b in bursts)
            {
                foreach (var account in pure[b].Members)
                    seen[account] = seen.GetValueOrDefault(account) + 1;
            }
            var members = seen.Where(kv => kv.Value >= 2).Select(kv => kv.Key).ToHashSet();
            if (members.Count < o.MinGroupSize)
                continue;
            var strongest = bursts.MinBy(b => pure[b].Log10Chance);
            var posts = bursts.Select(b => ChoiceTimeline.PostOf(pure[b].Event)).Distinct().Count();
            var chance = Math.Max(-300, bursts.Sum(b => pure[b].Log10Chance));
            groups.Add(new SuspectGroup
            {
                Members = members,
                Log10Chance = chance,
                Kind = "recurring bursts",
                Reasons =
                [
                    (chance, $"{members.Count} accounts turned up together in sudden bursts on {posts} posts at different moments; "
                        + $"the strongest: {pure[strongest].Participants} choices of {describePost(ChoiceTimeline.PostOf(pure[strongest].Event))} "
                        + $"within {Minutes(pure[strongest], t)} where its own activity predicts {pure[strongest].Expected:0.#}"),
                ],
            });
        }
        return groups;
    }

    internal static string Minutes(BurstFinding f, ChoiceTimeline t) =>
        $"{(f.ToTile - f.FromTile) * t.TileSeconds / 60.0:0.#} minutes";
}
