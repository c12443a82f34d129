using System.Collections.Frozen;

namespace Middleware.Ranking.Engine;

/// <summary>Every ranker the service knows: the built-in ones and the plugins found at start-up,
/// including those that could not be loaded (so an admin can see why). A plugin may be replaced
/// while the service runs (<see cref="Plugins.PluginReloader"/>); readers always see one whole
/// snapshot, never a half-made one.</summary>
public sealed class RankerCatalog
{
    private readonly Lock writing = new();
    private volatile Snapshot current;

    public RankerCatalog(IEnumerable<RankerEntry> entries) => current = Snapshot.Of(entries);

    /// <summary>All entries in load order, built-ins first.</summary>
    public IReadOnlyList<RankerEntry> Entries => current.Entries;

    /// <summary>A usable ranker by id, or null.</summary>
    public IRanker? Find(string id) => current.ById.GetValueOrDefault(id)?.Ranker;

    /// <summary>The entry for an id, usable or not, or null when nothing has that id.</summary>
    public RankerEntry? Describe(string id) => current.Entries.FirstOrDefault(e => e.Id == id);

    /// <summary>Offers a fresh load of the plugin folder <paramref name="location"/>. It replaces the
    /// folder's entry (or is added when the folder is new) unless the entry there now serves and the
    /// offer does not: a broken new version never takes a working one's place. Returns the entry as
    /// the catalog judged it (an offer whose id another ranker holds comes back Failed) and whether it
    /// was taken.</summary>
    internal (RankerEntry Judged, bool Taken) Offer(string location, RankerEntry offer)
    {
        lock (writing)
        {
            var entries = current.Entries.ToList();
            var index = entries.FindIndex(e => e.Origin == RankerOrigin.Plugin && e.Location == location);
            var serving = index >= 0 && entries[index].State == RankerState.Loaded;
            if (index >= 0)
                entries[index] = offer;
            else
                entries.Add(offer);
            var next = Snapshot.Of(entries);
            var judged = next.Entries[index >= 0 ? index : next.Entries.Count - 1];
            if (serving && judged.State != RankerState.Loaded)
                return (judged, false);
            current = next;
            return (judged, true);
        }
    }

    private sealed record Snapshot(IReadOnlyList<RankerEntry> Entries, FrozenDictionary<string, RankerEntry> ById)
    {
        public static Snapshot Of(IEnumerable<RankerEntry> entries)
        {
            var list = new List<RankerEntry>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                // The first of two rankers with one id wins (built-ins are listed first); the other is
                // reported, never silently swapped in.
                list.Add(seen.Add(entry.Id) ? entry : entry with
                {
                    State = RankerState.Failed,
                    Ranker = null,
                    Error = $"Another ranker already has the id '{entry.Id}'.",
                });
            }
            return new Snapshot(list, list.Where(e => e.State == RankerState.Loaded).ToFrozenDictionary(e => e.Id, StringComparer.Ordinal));
        }
    }
}
