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
public sealed class DemoSeeder(IImportStore imports, IFeedStore feeds, IEnumerable<IRefittable> models, DemoReaders readers, TimeProvider clock,
    ILogger<DemoSeeder> log)
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

    /// <summary>Fills the demo feeds' amplification audit with the serves of simulated readers
    /// (<see cref="DemoReaders"/>), so the first audit page a newcomer opens is not empty.</summary>
    private async Task FillAuditAsync(IReadOnlyList<Feed> demoFeeds, CancellationToken ct)
    {
        var positions = await readers.ReadAsync(demoFeeds, ct);
        log.LogInformation("Demo: {Readers} simulated readers were served {Positions} positions of {Feeds} feeds (see their audit pages)",
            DemoReaders.Readers, positions, demoFeeds.Count);
    }
}
