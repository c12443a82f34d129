using Middleware.Core.Posts;
using Middleware.Core.Ranking;

namespace Middleware.Ranking.Coordination;

/// <summary>Groups of authors who posted near-duplicate texts: fingerprints at most
/// <see cref="MaxDistance"/> bits apart, found through four 16-bit bands (two fingerprints that close
/// share at least one band exactly), linked into sets of posts; a set counts when at least
/// <see cref="MinAuthors"/> different authors wrote it.</summary>
internal static class TextGroups
{
    public const int MaxDistance = 3;
    public const int MinAuthors = 3;

    public static CoordinationFacts Build(AccountEvidence evidence)
    {
        var texts = evidence.Texts;
        var sets = new UnionFind(texts.Count);
        for (var band = 0; band < 4; band++)
        {
            var buckets = new Dictionary<ushort, List<int>>();
            for (var i = 0; i < texts.Count; i++)
            {
                var key = (ushort)(texts[i].Fingerprint >> (16 * band));
                if (!buckets.TryGetValue(key, out var list))
                    buckets[key] = list = [];
                list.Add(i);
            }
            foreach (var list in buckets.Values)
            {
                // A bucket holding a very common band value (an empty text's) would cost quadratic time.
                if (list.Count < 2 || list.Count > 500)
                    continue;
                for (var x = 0; x < list.Count; x++)
                {
                    for (var y = x + 1; y < list.Count; y++)
                    {
                        if (TextFingerprint.Distance(texts[list[x]].Fingerprint, texts[list[y]].Fingerprint) <= MaxDistance)
                            sets.Union(list[x], list[y]);
                    }
                }
            }
        }
        var groupOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var groups = 0;
        foreach (var set in Enumerable.Range(0, texts.Count).GroupBy(sets.Find))
        {
            var authors = set.Select(i => texts[i].Author).Distinct(StringComparer.Ordinal).ToList();
            if (authors.Count < MinAuthors)
                continue;
            foreach (var author in authors)
                groupOf.TryAdd(author, groups);
            groups++;
        }
        return new CoordinationFacts(evidence.Created, groupOf, groups);
    }
}
