using System.Text.RegularExpressions;
using Middleware.Ranking.Plugins;
using Middleware.Server.Edges;

namespace Middleware.Server.Ranking;

/// <summary>Ranking plugins under <c>/api/admin/plugins</c>: their load state, and reloading a plugin
/// folder changed on disk without a restart (ADR 0031).</summary>
public static partial class PluginEndpoints
{
    public static IEndpointRouteBuilder MapPlugins(this IEndpointRouteBuilder app)
    {
        var plugins = app.MapGroup("/api/admin/plugins");
        plugins.MapGet("", List);
        plugins.MapPost("/reload", ReloadAllAsync);
        plugins.MapPost("/{id}/reload", ReloadAsync);
        return app;
    }

    /// <summary>Every plugin folder: id, folder, state, the version that serves, when it was loaded,
    /// the last error and when it was last tried.</summary>
    private static IResult List(PluginReloader reloader) => TypedResults.Ok(reloader.States().Select(Json));

    /// <summary>Loads every plugin folder again (new folders too). A folder whose new version fails
    /// keeps its old version serving; its <c>lastError</c> says why.</summary>
    private static async Task<IResult> ReloadAllAsync(PluginReloader reloader, CancellationToken ct) =>
        TypedResults.Ok((await reloader.ReloadAllAsync(ct)).Select(Json));

    /// <summary>Loads one plugin's folder again. 400 for an id that cannot be a plugin's, 404 when no
    /// plugin has it.</summary>
    private static async Task<IResult> ReloadAsync(string id, PluginReloader reloader, CancellationToken ct)
    {
        if (!IdPattern().IsMatch(id))
            return Problems.ForStatus(400, "id: must be a plugin id (lower-case letters, digits and single '-').", new Dictionary<string, object?> { ["field"] = "id" });
        return await reloader.ReloadAsync(id, ct) is { } state
            ? TypedResults.Ok(Json(state))
            : Problems.ForStatus(404, $"There is no plugin '{id}'; GET /api/admin/plugins lists them.");
    }

    private static object Json(PluginLoadState state) => new
    {
        id = state.Id,
        folder = state.Folder,
        state = state.State.ToString().ToLowerInvariant(),
        loadedVersion = state.LoadedVersion,
        loadedAt = state.LoadedAt,
        lastError = state.LastError,
        lastAttemptAt = state.LastAttemptAt,
    };

    // The manifest's id rule (PluginManifest); anything else cannot name a plugin.
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();
}
