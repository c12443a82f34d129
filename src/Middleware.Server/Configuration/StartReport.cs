using Microsoft.Extensions.Options;
using Middleware.Core.Feeds;
using Middleware.Core.Sources;

namespace Middleware.Server.Configuration;

/// <summary>Once the server listens, one line says what runs: version, public URL (known only then when
/// it is derived from the listening address), data directory, feeds and sources.</summary>
public sealed class StartReport(IHostApplicationLifetime lifetime, PublicUrlProvider urls, IFeedStore feeds, ISourceStore sources,
    IOptions<MiddlewareOptions> options, ILogger<StartReport> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await lifetime.WaitForStartAsync(stoppingToken);
        var feedCount = (await feeds.ListAsync(stoppingToken)).Count;
        var sourceCount = (await sources.ListAsync(stoppingToken)).Count;
        log.LogInformation("Middleware {Version} serving {PublicUrl} with {Feeds} feeds and {Sources} sources; data in {DataDirectory}",
            ServiceInfo.Version, urls.Urls.Base, feedCount, sourceCount, Path.GetFullPath(options.Value.DataDirectory));
    }
}
