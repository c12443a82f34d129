using Middleware.ActivityPub.Actors;
using Middleware.Core.Actors;

namespace Middleware.Server.Configuration;

/// <summary>Creates the instance actor, with its key pair, the first time the service starts.</summary>
public sealed class InstanceActorSetup(ILocalActorStore actors, TimeProvider clock, Microsoft.Extensions.Options.IOptions<MiddlewareOptions> options)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await actors.FindAsync(LocalUrls.InstanceActorName, cancellationToken) is not null)
            return;
        var (publicPem, privatePem) = LocalActorKeys.Generate();
        await actors.AddIfMissingAsync(new LocalActor
        {
            Username = LocalUrls.InstanceActorName,
            Kind = LocalActorKind.Instance,
            DisplayName = options.Value.InstanceName,
            Summary = "The service actor of this Middleware feed service. It follows accounts and relays; it posts nothing.",
            PublicKeyPem = publicPem,
            PrivateKeyPem = privatePem,
            Discoverable = false,
            CreatedAt = clock.GetUtcNow(),
        }, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
