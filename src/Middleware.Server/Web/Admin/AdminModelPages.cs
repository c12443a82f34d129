using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using Middleware.Server.ClientApi;
using Middleware.Core.Ranking;
using Middleware.Ranking.Bridging;
using Middleware.Ranking.Engine;
using Middleware.Ranking.Plugins;

namespace Middleware.Server.Web.Admin;

/// <summary>The read-only admin pages about ranking: the rankers and plugins with their load state,
/// the coordinated groups the bridging model found (with their evidence), and the refit history.</summary>
public static class AdminModelPages
{
    /// <summary>Rows shown on the coordination and refit pages: the newest (or strongest) first.</summary>
    public const int Shown = 100;

    public static RouteGroupBuilder MapAdminModels(this RouteGroupBuilder admin)
    {
        admin.MapGet("/plugins", (HttpContext http, PageFrames frames, RankerCatalog catalog, PluginReloader reloader) =>
            AdminPages.Render<PluginsPage>(frames.For(http), new()
            {
                [nameof(PluginsPage.Rankers)] = catalog.Entries, [nameof(PluginsPage.Reloads)] = reloader.States(),
            }));
        admin.MapPost("/plugins/reload", ReloadPluginsAsync).WithSmallBody();
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

    // Reloads every plugin folder from disk (the same work as POST /api/admin/plugins/reload); a
    // version that fails keeps the previous one serving, and the page shows the failure.
    private static async Task<IResult> ReloadPluginsAsync(HttpContext http, IAntiforgery antiforgery, PageFrames frames,
        PluginReloader reloader, CancellationToken ct)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
            return Messages.FormRefused(frames.For(http), "/admin/plugins");
        await reloader.ReloadAllAsync(ct);
        return WebPage.SeeOther("/admin/plugins");
    }
}
