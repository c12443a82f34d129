using Microsoft.Extensions.Options;
using Middleware.Core.Ranking;
using Middleware.Ranking.Bridging;
using Middleware.Ranking.Engine;

namespace Middleware.Server.Web.Admin;

/// <summary>The read-only admin pages about ranking: the rankers and plugins with their load state,
/// the coordinated groups the bridging model found (with their evidence), and the refit history.</summary>
public static class AdminModelPages
{
    /// <summary>Rows shown on the coordination and refit pages: the newest (or strongest) first.</summary>
    public const int Shown = 100;

    public static RouteGroupBuilder MapAdminModels(this RouteGroupBuilder admin)
    {
        admin.MapGet("/plugins", (HttpContext http, PageFrames frames, RankerCatalog catalog) =>
            AdminPages.Render<PluginsPage>(frames.For(http), new() { [nameof(PluginsPage.Rankers)] = catalog.Entries }));
        admin.MapGet("/coordination", async (HttpContext http, PageFrames frames, IModelFitStore fits, IOptions<BridgingOptions> options,
            TimeProvider clock, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow();
            var from = now - options.Value.Lookback;
            return AdminPages.Render<CoordinationPage>(frames.For(http), new()
            {
                [nameof(CoordinationPage.From)] = from, [nameof(CoordinationPage.To)] = now,
                [nameof(CoordinationPage.Groups)] = await fits.GroupsAsync(from, now, Shown, ct),
            });
        });
        admin.MapGet("/refits", async (HttpContext http, PageFrames frames, IRefitHistory history, CancellationToken ct) =>
            AdminPages.Render<RefitsPage>(frames.For(http), new() { [nameof(RefitsPage.Refits)] = await history.RecentAsync(Shown, ct) }));
        return admin;
    }
}
