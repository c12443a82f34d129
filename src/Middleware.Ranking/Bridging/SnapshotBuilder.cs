using Middleware.Ranking.Coordination;

namespace Middleware.Ranking.Bridging;

/// <summary>Turns a fitted model into the snapshot rankings read: per post its parameters, its
/// weighted evidence and its endorsers per side; per side what characterises its accounts.</summary>
internal static class SnapshotBuilder
{
    public static BridgingSnapshot Build(RatingLog log, RatingMatrix m, CoordinationResult coordination, FittedModel model, int minRatings, DateTimeOffset fittedAt)
    {
        var groupsSeen = new HashSet<int>();
        var scored = new List<double>();
        var posts = new Dictionary<string, PostScore>(m.Posts, StringComparer.Ordinal);
        for (var p = 0; p < m.Posts; p++)
        {
            double evidence = 0;
            int a = 0, b = 0, endorsers = 0, coordinated = 0;
            groupsSeen.Clear();
            var rows = m.ByPost;
            for (var i = rows.Start[p]; i < rows.Start[p + 1]; i++)
            {
                if (!m.IsObserved(rows.Entry[i]))
                    continue;
                evidence += rows.Weight[i];
                if (rows.Value[i] < 1)
                    continue;
                var rater = rows.Other[i];
                var side = model.RaterFactor[rater];
                endorsers++;
                if (side > 0) a++;
                else if (side < 0) b++;
                if (coordination.GroupOf[rater] is >= 0 and var g)
                {
                    coordinated++;
                    groupsSeen.Add(g);
                }
            }
            posts[log.Posts[p]] = new PostScore(model.PostIntercept[p], model.PostFactor[p], evidence, a, b, endorsers, coordinated, groupsSeen.Count);
            if (evidence >= minRatings)
                scored.Add(model.PostIntercept[p]);
        }
        scored.Sort();
        return new BridgingSnapshot(posts,
            Profile("side A", log.Raters, model.RaterFactor, sign: 1),
            Profile("side B", log.Raters, model.RaterFactor, sign: -1),
            scored.Count == 0 ? 0 : scored[scored.Count / 2],
            fittedAt)
        {
            Groups = CoordinatedGroups.Describe(coordination, log),
        };
    }

    private static SideProfile Profile(string name, List<string> raters, double[] factor, int sign)
    {
        var byInstance = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var accounts = 0;
        for (var r = 0; r < raters.Count; r++)
        {
            if (Math.Sign(factor[r]) != sign)
                continue;
            accounts++;
            var host = Host(raters[r]);
            if (host is not null)
                byInstance[host] = byInstance.GetValueOrDefault(host) + 1;
        }
        if (byInstance.Count == 0)
            return new SideProfile(name, accounts, null, 0);
        var top = byInstance.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).First();
        return new SideProfile(name, accounts, top.Key, (double)top.Value / accounts);
    }

    /// <summary>The host of an actor URI, without allocating a <see cref="Uri"/> per account.</summary>
    private static string? Host(string actor)
    {
        var start = actor.IndexOf("://", StringComparison.Ordinal);
        if (start < 0)
            return null;
        start += 3;
        var end = actor.IndexOf('/', start);
        return end < 0 ? actor[start..] : actor[start..end];
    }
}
