using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Middleware.Ranking.Plugins;

/// <summary>With <c>Middleware:Ranking:Plugins:Watch</c> on, reloads the plugins when their folder
/// changes on disk: once it has been quiet for <see cref="Quiet"/>, because a build or a copy writes
/// several files over a few seconds and a half-written folder would only give a failed reload. The
/// reload is the same as the admin action (<see cref="PluginReloader"/>): an unlisted hash or a
/// broken build keeps the old version serving.</summary>
public sealed class PluginFolderWatcher(PluginReloader reloader, PluginLoader loader, IOptions<RankingOptions> options, TimeProvider clock,
    ILogger<PluginFolderWatcher> log) : IHostedService, IDisposable
{
    /// <summary>How long the folder must be unchanged before it is reloaded.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);

    private FileSystemWatcher? watcher;
    private ITimer? timer;
    private readonly TaskCompletionSource changeSeen = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource reloaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first change event arrives (events come on their own thread).</summary>
    internal Task ChangeSeen => changeSeen.Task;

    /// <summary>Completes when the first reload that a change started has finished.</summary>
    internal Task Reloaded => reloaded.Task;

    /// <summary>Whether the folder is being watched.</summary>
    public bool Watching => watcher is not null;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Plugins.Watch)
            return Task.CompletedTask;
        if (!Directory.Exists(loader.PluginsFolder))
        {
            log.LogWarning("Not watching the plugins folder {Folder}: it does not exist", loader.PluginsFolder);
            return Task.CompletedTask;
        }
        timer = clock.CreateTimer(_ => _ = ReloadAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        watcher = new FileSystemWatcher(loader.PluginsFolder)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        watcher.Changed += Changed;
        watcher.Created += Changed;
        watcher.Deleted += Changed;
        watcher.Renamed += Changed;
        watcher.EnableRaisingEvents = true;
        log.LogInformation("Watching the plugins folder {Folder}: a change is reloaded after {Quiet} s without changes", loader.PluginsFolder, Quiet.TotalSeconds);
        return Task.CompletedTask;
    }

    // Every change pushes the reload back: the folder is reloaded once, when the writing is done.
    private void Changed(object sender, FileSystemEventArgs e)
    {
        timer?.Change(Quiet, Timeout.InfiniteTimeSpan);
        changeSeen.TrySetResult();
    }

    private async Task ReloadAsync()
    {
        try
        {
            await reloader.ReloadAllAsync();
        }
        catch (Exception e)
        {
            log.LogError(e, "Reloading the plugins after a change in {Folder} failed", loader.PluginsFolder);
        }
        finally
        {
            reloaded.TrySetResult();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        watcher?.Dispose();
        watcher = null;
        timer?.Dispose();
        timer = null;
    }
}
