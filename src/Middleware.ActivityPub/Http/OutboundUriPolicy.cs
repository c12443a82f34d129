using System.Net;

namespace Middleware.ActivityPub.Http;

/// <summary>
/// Checks a URL before anything is sent: scheme, and IP-literal hosts. Host names are judged
/// later, on the addresses they resolve to, by <see cref="GuardedSocketsHandler"/>.
/// </summary>
internal static class OutboundUriPolicy
{
    public static void EnsureAllowed(Uri? uri, OutboundHttpOptions options)
    {
        if (uri is null || !uri.IsAbsoluteUri)
        {
            throw new OutboundRequestRefusedException("the request URL must be absolute", uri);
        }

        if (uri.Scheme == Uri.UriSchemeHttp)
        {
            // Plain http is only for local development peers.
            if (!options.AllowPrivateNetworks)
            {
                throw new OutboundRequestRefusedException($"plain http is not allowed ({uri})", uri);
            }
        }
        else if (uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new OutboundRequestRefusedException($"scheme {uri.Scheme} is not allowed", uri);
        }

        if (options.AllowPrivateNetworks)
        {
            return;
        }

        // Refusing here, before any connection attempt, also keeps literals out of the pool.
        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            && IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var address)
            && !NetworkAddressPolicy.IsPubliclyRoutable(address))
        {
            throw new OutboundRequestRefusedException($"address {address} is not publicly routable", uri);
        }
    }
}
