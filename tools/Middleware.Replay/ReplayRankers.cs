using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Middleware.Ranking.Builtin;
using Middleware.Ranking.Engine;
using Middleware.Ranking.Plugins;
using Middleware.Ranking.Recipes;
using Middleware.Ranking.Scripts;

namespace Middleware.Replay;

/// <summary>Turns the command line's rankers into <see cref="RankerSpec"/>s, and loads the named
/// plugin folders with the service's own <see cref="PluginLoader"/>.</summary>
internal static class ReplayRankers
{
    public static readonly string[] Defaults = [ChronologicalRanker.Id, EngagementRanker.Id, "bridging"];

    /// <summary>The specs, chronological first (it is the baseline of every comparison), or an error.</summary>
    public static (IReadOnlyList<RankerSpec> Specs, string? Error) Specs(ReplayArguments a, RankerCatalog catalog)
    {
        var specs = new List<RankerSpec> { new(ChronologicalRanker.Id, ChronologicalRanker.Id, "{}") };
        var ids = a.RankerIds.Count + a.RecipePaths.Count + a.ScriptPaths.Count + a.PluginFolders.Count == 0 ? Defaults : a.RankerIds;
        foreach (var id in ids.Where(id => id != ChronologicalRanker.Id))
        {
            if (catalog.Describe(id) is not { } entry)
                return ([], $"--ranker: there is no ranker '{id}'; known: {string.Join(", ", catalog.Entries.Select(e => e.Id))}.");
            if (entry.State != RankerState.Loaded)
                return ([], $"--ranker: '{id}' is not loaded: {entry.Error}");
            specs.Add(new RankerSpec(id, id, "{}"));
        }
        foreach (var path in a.RecipePaths)
        {
            string json;
            try
            {
                using var recipe = JsonDocument.Parse(File.ReadAllText(path));
                json = JsonSerializer.Serialize(new { recipe = recipe.RootElement });
            }
            catch (JsonException e)
            {
                return ([], $"--recipe {path}: not valid JSON ({e.Message.Split(" LineNumber")[0]})");
            }
            specs.Add(new RankerSpec($"recipe {Path.GetFileName(path)}", RecipeRanker.Id, json));
        }
        foreach (var path in a.ScriptPaths)
            specs.Add(new RankerSpec($"script {Path.GetFileName(path)}", ScriptRanker.Id, JsonSerializer.Serialize(new { script = File.ReadAllText(path) })));
        foreach (var folder in a.PluginFolders)
        {
            var id = catalog.Entries.FirstOrDefault(e => e.Origin == RankerOrigin.Plugin && SameFolder(e.Location, folder))?.Id;
            specs.Add(new RankerSpec($"plugin {id}", id!, "{}"));
        }
        var twice = specs.GroupBy(s => s.Label).FirstOrDefault(g => g.Count() > 1);
        return twice is null ? (specs, null) : ([], $"the ranker '{twice.Key}' is named twice.");
    }

    /// <summary>The service's catalog with the named plugin folders added, or the first plugin that
    /// did not load. Naming a folder on the command line is trusting it (as AllowUnlisted does).</summary>
    public static (RankerCatalog Catalog, string? Error) WithPlugins(RankerCatalog service, IReadOnlyList<string> folders)
    {
        if (folders.Count == 0)
            return (service, null);
        var loader = new PluginLoader(Path.GetTempPath(), new PluginTrust([], allowUnlisted: true), NullLogger<PluginLoader>.Instance);
        var plugins = folders.Select(f => loader.Load(Path.GetFullPath(f)).Entry).ToList();
        if (plugins.FirstOrDefault(p => p.State != RankerState.Loaded) is { } broken)
            return (service, $"--plugin {broken.Location}: {broken.State}: {broken.Error}");
        var catalog = new RankerCatalog([.. service.Entries, .. plugins]);
        if (catalog.Entries.FirstOrDefault(e => e.State != RankerState.Loaded && e.Origin == RankerOrigin.Plugin) is { } taken)
            return (service, $"--plugin {taken.Location}: {taken.Error}");
        return (catalog, null);
    }

    private static bool SameFolder(string? a, string b) =>
        a is not null && Path.GetFullPath(Path.TrimEndingDirectorySeparator(a)) == Path.GetFullPath(Path.TrimEndingDirectorySeparator(b));
}
