using Middleware.Core.Feeds;

namespace Middleware.Server.Feeds.Cards;

/// <summary>The versions of a feed's definition and which members each one changed.</summary>
public static class FeedHistory
{
    /// <summary>Versions 1..current, newest first; a version the store no longer has is left out,
    /// and the next one is compared with the last one found.</summary>
    public static async Task<IReadOnlyList<FeedCardVersion>> ReadAsync(Feed current, IFeedStore store, CancellationToken ct)
    {
        var versions = new List<FeedCardVersion>(current.Version);
        Feed? previous = null;
        for (var v = 1; v <= current.Version; v++)
        {
            var feed = v == current.Version ? current : await store.FindVersionAsync(current.Name, v, ct);
            if (feed is null)
                continue;
            versions.Add(new FeedCardVersion(v, v == 1 ? feed.CreatedAt : feed.UpdatedAt, previous is null ? [] : Changed(previous, feed)));
            previous = feed;
        }
        versions.Reverse();
        return versions;
    }

    /// <summary>The definition's members that differ, named as in the admin API.</summary>
    public static IReadOnlyList<string> Changed(Feed before, Feed after)
    {
        var changed = new List<string>();
        void Check(bool same, string member)
        {
            if (!same)
                changed.Add(member);
        }
        Check(before.DisplayName == after.DisplayName, "displayName");
        Check(before.Description == after.Description, "description");
        Check(before.SourceIds is null ? after.SourceIds is null : after.SourceIds is not null && before.SourceIds.SequenceEqual(after.SourceIds), "sources");
        Check(before.FiltersJson == after.FiltersJson, "filters");
        Check(before.Ranker == after.Ranker, "ranker");
        Check(before.ParametersJson == after.ParametersJson, "parameters");
        Check(before.BoostIntervalSeconds == after.BoostIntervalSeconds, "boostIntervalSeconds");
        Check(before.MaxBoostsPerHour == after.MaxBoostsPerHour, "maxBoostsPerHour");
        Check(before.HomeCandidates == after.HomeCandidates, "homeCandidates");
        Check(before.Public == after.Public, "public");
        return changed;
    }
}
