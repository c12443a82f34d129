using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Middleware.ActivityPub.Actors;

namespace Middleware.Server.Configuration;

/// <summary>Builds <see cref="LocalUrls"/> from <c>PublicUrl</c>, or else from the address the
/// server listens on (known only once it has started, hence lazily).</summary>
public sealed class PublicUrlProvider(IOptions<MiddlewareOptions> options, IServer server)
{
    private LocalUrls? _urls;

    public LocalUrls Urls => _urls ??= new LocalUrls(Resolve());

    private Uri Resolve()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.PublicUrl))
        {
            // Program refuses to start with such a value (StartChecks); this guards other hosts of the services.
            if (PublicUrlRule.Problem(options.Value.PublicUrl) is { } problem)
                throw new InvalidOperationException(PublicUrlRule.Refusal(options.Value.PublicUrl, problem));
            return new Uri(options.Value.PublicUrl.Trim());
        }
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5000";
        // Wildcard bindings are not addresses a peer can reach; name the host instead.
        address = address.Replace("://+", "://localhost").Replace("://*", "://localhost")
            .Replace("://0.0.0.0", "://localhost").Replace("://[::]", "://localhost");
        return new Uri(address);
    }
}
