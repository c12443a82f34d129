using System.Diagnostics;
using Middleware.Core.Feeds;
using Middleware.Core.Import;
using Middleware.Ranking.Engine;

namespace Middleware.Server.Demo;

/// <summary>What a demo start did.</summary>
/// <param name="Feeds">The names of the demo feeds.</param>
/// <param name="BridgingFitted">Whether the bridging model was fitted (else bridging ranks in cold start).</param>
public sealed record DemoSummary(int Posts, int Interactions, int Accounts, IReadOnlyList<string> Feeds, bool BridgingFitted, TimeSpan Took);

/// <summary>Fills an empty demo store: a generated audience (<see cref="DemoAudience"/>) imported
/// through the normal import store, the demo feeds added through the normal feed store, and the
/// bridging model fitted on what was imported, so feeds rank with explanations from the first page.</summary>
public sealed class DemoSeeder(IImportStore imports, IFeedStore feeds, IEnumerable<IRefittable> models, TimeProvider clock, ILogger<DemoSeeder> log)
{
    public async Task<DemoSummary> SeedAsync(CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        // Posts are dated in the hours before now, so they are inside every feed's candidate window.
        var now = clock.GetUtcNow();
        var data = DemoAudience.Generate(now);
        var imported = await imports.ImportAsync(DemoAudience.ToImport(data), ct);
        if (!imported.Applied)
            throw new InvalidOperationException($"The demo audience could not be imported: {imported.Problems[0].Error} (line {imported.Problems[0].Line}).");

        var added = new List<Feed>();
        foreach (var feed in DemoFeeds.All(now))
        {
            if (await feeds.AddAsync(feed, ct))
                added.Add(feed);
        }
        var fitted = false;
        if (models.FirstOrDefault(m => m.Id == "bridging") is { } bridging)
        {
            var report = await bridging.RefitAsync(ct);
            fitted = report.Succeeded;
            if (!fitted)
                log.LogWarning("Demo: the bridging model could not be fitted ({Report}); the bridging feed ranks in cold start", report);
        }
        await FillAuditAsync(added, ct);
        return new DemoSummary(imported.PostsAdded, imported.InteractionsAdded, imported.AccountsRecorded,
            DemoFeeds.All(now).Select(f => f.Name).ToList(), fitted, watch.Elapsed);
    }

    /// <summary>Seam for the amplification audit (issue 12, built in parallel): once feeds record the
    /// positions they served, the integrator fills the demo feeds' audit here (e.g. by serving each
    /// feed's pages once, or recording served positions for the generated audience) so that a
    /// newcomer's first audit page is not empty. Until then there is nothing to fill.</summary>
    public Task FillAuditAsync(IReadOnlyList<Feed> demoFeeds, CancellationToken ct) => Task.CompletedTask;
}
