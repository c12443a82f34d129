using System.Reflection;
using Microsoft.Extensions.Logging;
using Middleware.Ranking.Engine;

namespace Middleware.Ranking.Plugins;

/// <summary>Loads the ranking plugins found in one folder: each sub-folder with a
/// <c>plugin.json</c> is a plugin, loaded into its own <see cref="PluginLoadContext"/>. Every plugin
/// gives one catalog entry, usable or not, so that an admin can see why one did not load; a plugin
/// that fails never stops the others or the host. Outcomes are logged by
/// <see cref="PluginStartupReport"/>, once the catalog has checked the ids.</summary>
public sealed class PluginLoader(string pluginsFolder, ILogger<PluginLoader> log)
{
    /// <summary>The absolute folder that is scanned.</summary>
    public string PluginsFolder { get; } = Path.GetFullPath(pluginsFolder);

    /// <summary>Resolves <see cref="RankingOptions.PluginsPath"/>: a relative path is taken from the
    /// host's content root (where <c>appsettings.json</c> is), not from the working directory.</summary>
    public static string ResolveFolder(string pluginsPath, string contentRoot) => Path.GetFullPath(pluginsPath, contentRoot);

    /// <summary>One entry per plugin folder, in folder-name order. No plugins folder means no plugins.</summary>
    public IReadOnlyList<RankerEntry> LoadAll()
    {
        if (!Directory.Exists(PluginsFolder))
        {
            log.LogInformation("No ranking plugins: the folder {Folder} does not exist", PluginsFolder);
            return [];
        }
        var entries = new List<RankerEntry>();
        foreach (var folder in Directory.GetDirectories(PluginsFolder).Order(StringComparer.Ordinal))
        {
            if (!File.Exists(Path.Combine(folder, PluginManifest.FileName)))
            {
                log.LogDebug("Skipping {Folder}: it has no {Manifest}", folder, PluginManifest.FileName);
                continue;
            }
            entries.Add(Load(folder));
        }
        return entries;
    }

    /// <summary>Loads the plugin in one folder. Never throws for anything the plugin does wrong.</summary>
    public static RankerEntry Load(string folder)
    {
        // Until the manifest is read, the folder name is the best id there is.
        var id = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
        try
        {
            var manifest = ReadManifest(folder);
            id = manifest.Id;
            if (ContractCompatibility.Problem(manifest.ContractVersion) is { } problem)
                throw new PluginRefusedException(RankerState.Incompatible, problem);
            var assembly = LoadMainAssembly(folder, manifest);
            var (ranker, metadata) = RankerActivation.Activate(assembly, manifest);
            return new RankerEntry(metadata.Id, RankerOrigin.Plugin, RankerState.Loaded, ranker, metadata, null, folder);
        }
        catch (PluginRefusedException e)
        {
            return Refused(id, e.State, e.Message, folder);
        }
        catch (Exception e)
        {
            // Whatever else a plugin's code throws while loading is its failure, not the host's.
            return Refused(id, RankerState.Failed, $"Loading failed with {e.GetType().Name}: {e.Message}", folder);
        }
    }

    private static PluginManifest ReadManifest(string folder)
    {
        try
        {
            return PluginManifest.Parse(File.ReadAllText(Path.Combine(folder, PluginManifest.FileName)));
        }
        catch (PluginManifestException e)
        {
            throw PluginRefusedException.Failed(e.Message);
        }
    }

    private static Assembly LoadMainAssembly(string folder, PluginManifest manifest)
    {
        var path = Path.Combine(folder, manifest.Assembly);
        if (!File.Exists(path))
            throw PluginRefusedException.Failed($"The assembly '{manifest.Assembly}' named in {PluginManifest.FileName} is not in the plugin folder.");
        try
        {
            return new PluginLoadContext(manifest.Id, path).LoadFromAssemblyPath(path);
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException)
        {
            throw PluginRefusedException.Failed($"'{manifest.Assembly}' is not a loadable .NET assembly: {e.Message}");
        }
    }

    private static RankerEntry Refused(string id, RankerState state, string error, string folder) =>
        new(id, RankerOrigin.Plugin, state, null, null, error, folder);
}
