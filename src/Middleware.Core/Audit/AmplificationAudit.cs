namespace Middleware.Core.Audit;

/// <summary>Computes the audit from per-post exposure counts: pure, so it is tested by hand-computed cases
/// and the SQL only counts. Exposure is counted once per served position (ADR 0028).</summary>
public static class AmplificationAudit
{
    /// <summary>A post counts as mainly coordinated when more than this share of its endorsers were in flagged groups.</summary>
    public const double MainlyCoordinated = 0.5;

    /// <summary>The key of posts whose author is in no flagged group, and of posts without a known language.</summary>
    public const string NoGroup = "none", NoLanguage = "unknown";

    public static AuditReport Compute(string feed, DateTimeOffset from, DateTimeOffset to, IReadOnlyList<PostExposure> posts)
    {
        var feedTotal = posts.Sum(p => p.Feed);
        var baseTotal = posts.Sum(p => p.Baseline);
        var authors = Shares(posts, p => [p.Author], feedTotal, baseTotal);
        return new AuditReport(
            feed, from, to, feedTotal, baseTotal, authors,
            Shares(posts, p => [p.Instance], feedTotal, baseTotal),
            Shares(posts, p => [p.Language ?? NoLanguage], feedTotal, baseTotal),
            // An author in two groups counts for both, so group shares may add up to more than 1.
            Shares(posts, p => p.Groups.Count == 0 ? [NoGroup] : p.Groups.Select(g => $"group {g}"), feedTotal, baseTotal),
            ConcentrationOf(authors.Select(a => a.Feed).ToList()),
            ConcentrationOf(authors.Select(a => a.Baseline).ToList()),
            Part(posts.Where(p => p.Deleted), feedTotal, baseTotal),
            Part(posts.Where(p => p.CoordinationScore > MainlyCoordinated), feedTotal, baseTotal));
    }

    /// <summary>Gini, top-1% share and effective number over exposure counts (zeros included: an author the
    /// other order exposed and this one did not is part of the population).</summary>
    public static Concentration ConcentrationOf(IReadOnlyList<int> counts)
    {
        double total = counts.Sum(c => (long)c);
        if (total == 0 || counts.Count == 0)
            return new Concentration(0, 0, 0);
        var sorted = counts.Order().ToArray();
        var n = sorted.Length;
        // G = 2·Σ i·x_i / (n·Σx) − (n+1)/n, with x ascending and i from 1.
        double weighted = 0;
        for (var i = 0; i < n; i++)
            weighted += (i + 1) * (double)sorted[i];
        var gini = 2 * weighted / (n * total) - (n + 1.0) / n;
        var top = (int)Math.Ceiling(n * 0.01);
        var topShare = sorted.Reverse().Take(top).Sum(c => (double)c) / total;
        var effective = 1 / sorted.Sum(c => (c / total) * (c / total));
        return new Concentration(gini, topShare, effective);
    }

    private static List<ExposureShare> Shares(IReadOnlyList<PostExposure> posts, Func<PostExposure, IEnumerable<string>> keys,
        int feedTotal, int baseTotal)
    {
        var counts = new Dictionary<string, (int Feed, int Baseline)>(StringComparer.Ordinal);
        foreach (var post in posts)
            foreach (var key in keys(post))
            {
                var (f, b) = counts.GetValueOrDefault(key);
                counts[key] = (f + post.Feed, b + post.Baseline);
            }
        return counts
            .Select(kv => Share(kv.Key, kv.Value.Feed, kv.Value.Baseline, feedTotal, baseTotal))
            .OrderByDescending(s => s.Feed).ThenByDescending(s => s.Baseline).ThenBy(s => s.Key, StringComparer.Ordinal)
            .ToList();
    }

    private static ExposureShare Share(string key, int feed, int baseline, int feedTotal, int baseTotal)
    {
        var feedShare = feedTotal == 0 ? 0 : (double)feed / feedTotal;
        var baseShare = baseTotal == 0 ? 0 : (double)baseline / baseTotal;
        return new ExposureShare(key, feed, baseline, feedShare, baseShare, baseShare == 0 ? null : feedShare / baseShare);
    }

    private static PostGroupShare Part(IEnumerable<PostExposure> posts, int feedTotal, int baseTotal)
    {
        var list = posts.ToList();
        return new PostGroupShare(list.Count,
            feedTotal == 0 ? 0 : (double)list.Sum(p => p.Feed) / feedTotal,
            baseTotal == 0 ? 0 : (double)list.Sum(p => p.Baseline) / baseTotal);
    }
}
