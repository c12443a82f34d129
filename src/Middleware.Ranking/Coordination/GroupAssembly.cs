using Middleware.Ranking.Bridging;

namespace Middleware.Ranking.Coordination;

/// <summary>Turns suspect groups into the refit's groups: groups that share most of their accounts
/// are one group; an account left in two is given to the one with the stronger evidence; each group
/// gets the posts its members chose together.</summary>
internal static class GroupAssembly
{
    public static CoordinationResult Assemble(List<SuspectGroup> suspects, ChoiceTimeline t, int raters, CoordinationOptions o)
    {
        var merged = Merge(suspects, o.RecurringOverlap);
        merged.Sort((a, b) => a.Log10Chance.CompareTo(b.Log10Chance));
        var groupOf = Enumerable.Repeat(-1, raters).ToArray();
        for (var g = 0; g < merged.Count; g++)
        {
            foreach (var account in merged[g].Members)
            {
                if (groupOf[account] < 0)
                    groupOf[account] = g;
            }
        }
        // Renumber the groups that kept at least two accounts.
        var sizes = new int[merged.Count];
        foreach (var g in groupOf)
        {
            if (g >= 0)
                sizes[g]++;
        }
        var number = new int[merged.Count];
        var kept = new List<SuspectGroup>();
        for (var g = 0; g < merged.Count; g++)
        {
            number[g] = sizes[g] >= 2 ? kept.Count : -1;
            if (number[g] >= 0)
                kept.Add(merged[g]);
        }
        for (var r = 0; r < raters; r++)
            groupOf[r] = groupOf[r] < 0 ? -1 : number[groupOf[r]];

        var posts = SharedPosts(t, groupOf, kept.Count);
        var groups = new List<FoundGroup>(kept.Count);
        for (var g = 0; g < kept.Count; g++)
        {
            var members = Enumerable.Range(0, raters).Where(r => groupOf[r] == g).ToArray();
            groups.Add(new FoundGroup(members, posts[g], Math.Min(300, -kept[g].Log10Chance),
                kept[g].Reasons.Select(r => r.Text).Take(6).ToList(), kept[g].Kind));
        }
        return new CoordinationResult(groupOf, groups);
    }

    private static List<SuspectGroup> Merge(List<SuspectGroup> suspects, double overlap)
    {
        var sets = new UnionFind(suspects.Count);
        var groupsOf = new Dictionary<int, List<int>>();
        for (var g = 0; g < suspects.Count; g++)
        {
            foreach (var account in suspects[g].Members)
            {
                if (!groupsOf.TryGetValue(account, out var list))
                    groupsOf[account] = list = [];
                list.Add(g);
            }
        }
        var shared = new Dictionary<int, int>();
        for (var g = 0; g < suspects.Count; g++)
        {
            shared.Clear();
            foreach (var account in suspects[g].Members)
            {
                foreach (var other in groupsOf[account])
                {
                    if (other > g)
                        shared[other] = shared.GetValueOrDefault(other) + 1;
                }
            }
            foreach (var (other, count) in shared)
            {
                if (count >= overlap * Math.Min(suspects[g].Members.Count, suspects[other].Members.Count))
                    sets.Union(g, other);
            }
        }
        var merged = new Dictionary<int, SuspectGroup>();
        for (var g = 0; g < suspects.Count; g++)
        {
            var root = sets.Find(g);
            if (merged.TryGetValue(root, out var into))
                into.Absorb(suspects[g]);
            else
                merged[root] = new SuspectGroup { Members = [.. suspects[g].Members], Log10Chance = suspects[g].Log10Chance, Reasons = [.. suspects[g].Reasons], Kind = suspects[g].Kind };
        }
        return merged.Values.ToList();
    }

    /// <summary>Per group, the posts at least two of its members chose, with when.</summary>
    private static List<SharedPost>[] SharedPosts(ChoiceTimeline t, int[] groupOf, int groups)
    {
        var found = new Dictionary<(int Group, int Post), (int Members, long First, long Last)>();
        for (var i = 0; i < t.Count; i++)
        {
            var g = groupOf[t.Rater[i]];
            if (g < 0)
                continue;
            var key = (g, ChoiceTimeline.PostOf(t.Event[i]));
            var at = t.Origin + t.At[i];
            found[key] = found.TryGetValue(key, out var s) ? (s.Members + 1, Math.Min(s.First, at), Math.Max(s.Last, at)) : (1, at, at);
        }
        var posts = Enumerable.Range(0, groups).Select(_ => new List<SharedPost>()).ToArray();
        foreach (var ((g, post), (members, first, last)) in found)
        {
            if (members >= 2)
                posts[g].Add(new SharedPost(post, members, first, last));
        }
        foreach (var list in posts)
            list.Sort((a, b) => b.Members != a.Members ? b.Members.CompareTo(a.Members) : a.Post.CompareTo(b.Post));
        return posts;
    }
}
