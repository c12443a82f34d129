using System.Collections.Frozen;

namespace Middleware.Ranking.Engine;

/// <summary>Every ranker the service knows: the built-in ones and the plugins found at start-up,
/// including those that could not be loaded (so an admin can see why).</summary>
public sealed class RankerCatalog
{
    private readonly FrozenDictionary<string, RankerEntry> byId;

    public RankerCatalog(IEnumerable<RankerEntry> entries)
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
        Entries = list;
        byId = list.Where(e => e.State == RankerState.Loaded)
            .ToFrozenDictionary(e => e.Id, StringComparer.Ordinal);
    }

    /// <summary>All entries in load order, built-ins first.</summary>
    public IReadOnlyList<RankerEntry> Entries { get; }

    /// <summary>A usable ranker by id, or null.</summary>
    public IRanker? Find(string id) => byId.GetValueOrDefault(id)?.Ranker;

    /// <summary>The entry for an id, usable or not, or null when nothing has that id.</summary>
    public RankerEntry? Describe(string id) => Entries.FirstOrDefault(e => e.Id == id);
}
