using Microsoft.Extensions.Hosting;
using Middleware.Ranking.Engine;

namespace Middleware.Ranking.Plugins;

/// <summary>Builds the <see cref="RankerCatalog"/> when the host starts, so plugins load (and their
/// problems are logged) at start-up rather than on the first ranking request.</summary>
internal sealed class RankerCatalogWarmUp(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetService(typeof(RankerCatalog));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
