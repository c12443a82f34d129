using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Middleware.Ranking.Engine;

namespace Middleware.Ranking.Plugins;

/// <summary>Builds the <see cref="RankerCatalog"/> when the host starts, so that plugins load at
/// start-up rather than on the first ranking, and logs each plugin's outcome with its folder. It
/// reports from the finished catalog, not from the loader, because the catalog refuses a plugin whose
/// id is taken, which the loader cannot know.</summary>
/// <remarks>Takes the <see cref="PluginReloader"/> so that it exists from start-up: its clock says
/// when the start-up versions were loaded.</remarks>
internal sealed class PluginStartupReport(RankerCatalog catalog, PluginReloader reloader, ILogger<PluginStartupReport> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = reloader;
        foreach (var entry in catalog.Entries.Where(e => e.Origin == RankerOrigin.Plugin))
        {
            if (entry.State == RankerState.Loaded)
                log.LogInformation("Loaded ranking plugin {Id} {Version} from {Folder}", entry.Id, entry.Metadata!.Version, entry.Location);
            else
                log.LogWarning("Ranking plugin {Id} in {Folder} is {State}: {Error}", entry.Id, entry.Location, entry.State, entry.Error);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
