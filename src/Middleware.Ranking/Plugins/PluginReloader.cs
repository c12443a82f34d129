using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Middleware.Ranking.Engine;

namespace Middleware.Ranking.Plugins;

/// <summary>Loads plugin folders again while the service runs, and keeps their load state. A new
/// version replaces the old one only when it loads (listed hash, compatible contract, manifest and
/// metadata agree, its id is free); otherwise the old version keeps serving and the failure is kept
/// as the folder's last error. A replaced version's load context is unloaded.</summary>
/// <param name="loaders">Makes a loader with the current settings, so that a hash listed after
/// start-up (in a reloadable configuration file) counts at the next reload.</param>
public sealed class PluginReloader(RankerCatalog catalog, Func<PluginLoader> loaders, TimeProvider clock, ILogger<PluginReloader> log)
{
    private readonly DateTimeOffset startedAt = clock.GetUtcNow();
    private readonly ConcurrentDictionary<string, Attempt> attempts = new(StringComparer.Ordinal);
    // One reload at a time: two overlapping reloads of one folder could unload each other's version.
    private readonly SemaphoreSlim reloading = new(1, 1);

    private sealed record Attempt(DateTimeOffset At, DateTimeOffset? LoadedAt, string? Error);

    /// <summary>Every plugin folder the catalog knows, in catalog order.</summary>
    public IReadOnlyList<PluginLoadState> States() =>
        catalog.Entries.Where(e => e.Origin == RankerOrigin.Plugin).Select(State).ToList();

    /// <summary>Reloads every folder with a manifest, new folders included. A folder that was removed
    /// keeps serving what it loaded until the service restarts.</summary>
    public async Task<IReadOnlyList<PluginLoadState>> ReloadAllAsync(CancellationToken ct = default)
    {
        await reloading.WaitAsync(ct);
        try
        {
            var loader = loaders();
            if (!Directory.Exists(loader.PluginsFolder))
                return States();
            foreach (var folder in Directory.GetDirectories(loader.PluginsFolder).Order(StringComparer.Ordinal))
            {
                if (File.Exists(Path.Combine(folder, PluginManifest.FileName)))
                    ReloadFolder(loader, folder);
            }
            return States();
        }
        finally
        {
            reloading.Release();
        }
    }

    /// <summary>Reloads the folder of the plugin with this id; null when no plugin has it.</summary>
    public async Task<PluginLoadState?> ReloadAsync(string id, CancellationToken ct = default)
    {
        await reloading.WaitAsync(ct);
        try
        {
            var folder = catalog.Entries.FirstOrDefault(e => e.Origin == RankerOrigin.Plugin && e.Id == id)?.Location;
            if (folder is null)
                return null;
            ReloadFolder(loaders(), folder);
            return States().FirstOrDefault(s => s.Folder == folder);
        }
        finally
        {
            reloading.Release();
        }
    }

    private void ReloadFolder(PluginLoader loader, string folder)
    {
        var now = clock.GetUtcNow();
        var before = catalog.Entries.FirstOrDefault(e => e.Origin == RankerOrigin.Plugin && e.Location == folder);
        var (offer, _) = loader.Load(folder);
        var (judged, taken) = catalog.Offer(folder, offer);
        if (taken && judged.State == RankerState.Loaded)
        {
            attempts[folder] = new Attempt(now, now, null);
            if (!ReferenceEquals(before?.Ranker, judged.Ranker))
                PluginLoadContext.UnloadOwnerOf(before?.Ranker);
            log.LogInformation("Reloaded ranking plugin {Id} {Version} from {Folder}", judged.Id, judged.Metadata!.Version, folder);
            return;
        }
        // Refused: the offer's own context (if it got that far) is of no use to anyone.
        if (!ReferenceEquals(before?.Ranker, offer.Ranker))
            PluginLoadContext.UnloadOwnerOf(offer.Ranker);
        var loadedAt = before?.State == RankerState.Loaded ? LoadedAt(folder) : null;
        attempts[folder] = new Attempt(now, loadedAt, judged.Error);
        if (taken)
            log.LogWarning("Ranking plugin {Id} in {Folder} is {State}: {Error}", judged.Id, folder, judged.State, judged.Error);
        else
            log.LogWarning("Reloading ranking plugin {Id} from {Folder} failed ({State}: {Error}); version {Version} keeps serving",
                judged.Id, folder, judged.State, judged.Error, before!.Metadata!.Version);
    }

    private DateTimeOffset? LoadedAt(string folder) =>
        attempts.TryGetValue(folder, out var attempt) ? attempt.LoadedAt : startedAt;

    private PluginLoadState State(RankerEntry entry)
    {
        var folder = entry.Location ?? "";
        var attempt = attempts.GetValueOrDefault(folder);
        var loaded = entry.State == RankerState.Loaded;
        return new PluginLoadState(
            entry.Id, folder, entry.State,
            loaded ? entry.Metadata!.Version : null,
            loaded ? attempt?.LoadedAt ?? startedAt : null,
            attempt is null ? entry.Error : attempt.Error,
            attempt?.At ?? startedAt);
    }
}
