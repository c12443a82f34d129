namespace Middleware.Server.Tests.ClientApi.Apps;

/// <summary>A status as an app holds it: its id and when it was written.</summary>
public sealed record Shown(string Id, DateTimeOffset CreatedAt);

/// <summary>How an app puts what the server sent on screen: one rule of "Ordering rules the tests
/// stand for" in <c>docs/apps.md</c> (the names match). <see cref="Page"/> takes a page loaded below
/// what the app holds; <see cref="Refresh"/> takes the first page of a reload.</summary>
public abstract class OrderingRule
{
    public string Name => GetType().Name;

    public abstract List<Shown> Page(List<Shown> view, IReadOnlyList<Shown> page);

    /// <summary>By default a refresh replaces what the app held with the first page.</summary>
    public virtual List<Shown> Refresh(List<Shown> view, IReadOnlyList<Shown> page) => Page([], page);

    /// <summary>Mastodon's <c>compareId</c> and Tusky's <c>isLessThan</c>: a longer id is newer, else ordinal order.</summary>
    public static int CompareIds(string a, string b) =>
        a == b ? 0 : a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b);
}

/// <summary>Each page is shown as sent, after the previous ones.</summary>
public sealed class KeepOrder : OrderingRule
{
    public override List<Shown> Page(List<Shown> view, IReadOnlyList<Shown> page) => [.. view, .. page];
}

/// <summary>As <see cref="KeepOrder"/>, dropping statuses the app already holds (Mastodon web and Tusky trends).</summary>
public sealed class DedupeAppend : OrderingRule
{
    public override List<Shown> Page(List<Shown> view, IReadOnlyList<Shown> page) =>
        [.. view, .. page.Where(s => view.All(v => v.Id != s.Id)).DistinctBy(s => s.Id)];
}

/// <summary>Phanpy's home: each page sorted by time, newest first, then appended.</summary>
public sealed class SortPageByCreatedAtDesc : OrderingRule
{
    public override List<Shown> Page(List<Shown> view, IReadOnlyList<Shown> page) => [.. view, .. page.OrderByDescending(s => s.CreatedAt)];
}

/// <summary>Tusky's home: a local store shown by id, newest first; a page replaces the stored ids in its range.</summary>
public sealed class SortAllByIdDesc : OrderingRule
{
    public override List<Shown> Page(List<Shown> view, IReadOnlyList<Shown> page)
    {
        if (page.Count == 0)
            return view;
        var (first, last) = (page[0].Id, page[^1].Id);
        var kept = view.Where(x => !(CompareIds(last, x.Id) <= 0 && CompareIds(x.Id, first) <= 0)).Where(x => page.All(p => p.Id != x.Id));
        return [.. kept.Concat(page).OrderByDescending(s => s.Id, Comparer<string>.Create(CompareIds))];
    }

    public override List<Shown> Refresh(List<Shown> view, IReadOnlyList<Shown> page) => Page(view, page);
}

/// <summary>Moshidon and Megalodon reading their home from the cache at start: by time, newest first.</summary>
public sealed class SortCacheByCreatedAtDesc : OrderingRule
{
    public override List<Shown> Page(List<Shown> view, IReadOnlyList<Shown> page) =>
        [.. view.Concat(page).OrderByDescending(s => s.CreatedAt.ToUnixTimeSeconds())];
}

/// <summary>The Mastodon web interface: each answer merged into what it holds by comparing ids.</summary>
public sealed class MergeById : OrderingRule
{
    public override List<Shown> Page(List<Shown> view, IReadOnlyList<Shown> page)
    {
        if (view.Count == 0 || page.Count == 0)
            return view.Count == 0 ? [.. page] : view;
        var (first, last) = (page[0].Id, page[^1].Id);
        var lastIndex = view.FindLastIndex(x => CompareIds(x.Id, last) >= 0) + 1;
        var firstIndex = view.Take(lastIndex).ToList().FindLastIndex(x => CompareIds(x.Id, first) > 0) + 1;
        var older = view.Skip(firstIndex).Take(lastIndex - firstIndex).Where(x => CompareIds(x.Id, last) < 0);
        var outside = view.Take(firstIndex).Concat(view.Skip(lastIndex)).Select(x => x.Id).ToHashSet();
        var inserted = page.Concat(older).DistinctBy(x => x.Id).Where(x => !outside.Contains(x.Id));
        return [.. view.Take(firstIndex), .. inserted, .. view.Skip(lastIndex)];
    }

    public override List<Shown> Refresh(List<Shown> view, IReadOnlyList<Shown> page) => Page(view, page);
}

/// <summary>Tusky's lists and trends: a reload's page goes on top, and what it repeats leaves the rest.</summary>
public sealed class PrependRefreshDedupe : OrderingRule
{
    public override List<Shown> Page(List<Shown> view, IReadOnlyList<Shown> page) => new KeepOrder().Page(view, page);

    public override List<Shown> Refresh(List<Shown> view, IReadOnlyList<Shown> page) =>
        view.Count == 0 ? [.. page] : [.. page, .. view.Where(v => page.All(p => p.Id != v.Id))];
}

/// <summary>Ice Cubes' refresh: only statuses with an id above the top one's, sorted by id, go on top.</summary>
public sealed class PrependNewerById : OrderingRule
{
    public override List<Shown> Page(List<Shown> view, IReadOnlyList<Shown> page) => new KeepOrder().Page(view, page);

    public override List<Shown> Refresh(List<Shown> view, IReadOnlyList<Shown> page)
    {
        if (view.Count == 0)
            return [.. page];
        var top = view[0].Id;
        var newer = page.Where(p => view.All(v => v.Id != p.Id) && string.CompareOrdinal(p.Id, top) > 0)
            .OrderByDescending(p => p.Id, StringComparer.Ordinal);
        return [.. newer, .. view];
    }
}
