using System.Reflection;
using Microsoft.Extensions.Logging;
using Middleware.Ranking.Engine;

namespace Middleware.Ranking.Plugins;

/// <summary>Loads the ranking plugins found in one folder: each sub-folder with a
/// <c>plugin.json</c> is a plugin, loaded into its own <see cref="PluginLoadContext"/> once
/// <see cref="PluginTrust"/> has allowed its main assembly and its compiled-in contract version has
/// been found compatible (both read from the file's bytes, before any load context sees it). Every plugin
/// gives one catalog entry, usable or not, so that an admin can see why one did not load; a plugin
/// that fails never stops the others or the host. Outcomes are logged by
/// <see cref="PluginStartupReport"/>, once the catalog has checked the ids.</summary>
public sealed class PluginLoader(string pluginsFolder, PluginTrust trust, ILogger<PluginLoader> log)
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
            var (entry, listed) = Load(folder);
            // Loud, because in production this would have been refused.
            if (entry.State == RankerState.Loaded && !listed)
                log.LogWarning("Ranking plugin {Id} in {Folder} is not listed in Middleware:Ranking:Plugins:Allowed and was loaded only because AllowUnlisted is on (Development)", entry.Id, folder);
            entries.Add(entry);
        }
        return entries;
    }

    /// <summary>Loads the plugin in one folder, and says whether it was listed. Never throws for
    /// anything the plugin does wrong.</summary>
    public (RankerEntry Entry, bool Listed) Load(string folder)
    {
        // Until the manifest is read, the folder name is the best id there is.
        var id = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
        var listed = false;
        try
        {
            var manifest = ReadManifest(folder);
            id = manifest.Id;
            var path = Path.Combine(folder, manifest.Assembly);
            if (!File.Exists(path))
                throw PluginRefusedException.Failed($"The assembly '{manifest.Assembly}' named in {PluginManifest.FileName} is not in the plugin folder.");
            // Hash and contract version come from these bytes; no load context has seen the file yet.
            var image = File.ReadAllBytes(path);
            listed = trust.Check(manifest.Id, manifest.Assembly, image);
            if (ContractCompatibility.Problem(manifest.ContractVersion) is { } problem)
                throw new PluginRefusedException(RankerState.Incompatible, problem);
            ContractReference.Check(manifest.Assembly, image);
            var assembly = LoadMainAssembly(path, image, manifest);
            var (ranker, metadata) = RankerActivation.Activate(assembly, manifest);
            return (new RankerEntry(metadata.Id, RankerOrigin.Plugin, RankerState.Loaded, ranker, metadata, null, folder), listed);
        }
        catch (PluginRefusedException e)
        {
            return (Refused(id, e.State, e.Message, folder), listed);
        }
        catch (Exception e)
        {
            // Whatever else a plugin's code throws while loading is its failure, not the host's.
            return (Refused(id, RankerState.Failed, $"Loading failed with {e.GetType().Name}: {e.Message}", folder), listed);
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

    // From the bytes that were hashed, not from the path: what runs is exactly what was allowed,
    // and a build that rewrites the file in place cannot change a loaded plugin under its feet.
    private static Assembly LoadMainAssembly(string path, byte[] image, PluginManifest manifest)
    {
        var context = new PluginLoadContext(manifest.Id, path);
        try
        {
            using var stream = new MemoryStream(image, writable: false);
            return context.LoadFromStream(stream);
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException)
        {
            context.Unload();
            throw PluginRefusedException.Failed($"'{manifest.Assembly}' is not a loadable .NET assembly: {e.Message}");
        }
    }

    private static RankerEntry Refused(string id, RankerState state, string error, string folder) =>
        new(id, RankerOrigin.Plugin, state, null, null, error, folder);
}
