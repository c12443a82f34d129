using System.Net;
using System.Net.Sockets;

namespace Middleware.ActivityPub.Http;

/// <summary>
/// Builds the primary handler of the outbound client: it resolves each host itself, refuses
/// non-public addresses and connects to exactly the addresses it checked, so a DNS answer that
/// changes between check and connect (DNS rebinding) cannot slip through.
/// </summary>
public static class GuardedSocketsHandler
{
    /// <summary>Creates a <see cref="SocketsHttpHandler"/> guarded by <paramref name="options"/>.</summary>
    public static SocketsHttpHandler Create(OutboundHttpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SocketsHttpHandler
        {
            // Redirects are followed by GuardedRedirectHandler, which re-checks every hop.
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Brotli,
            // A proxy would make ConnectCallback check the proxy's address, not the target's.
            UseProxy = false,
            // Cookies set by one remote server must not travel to another.
            UseCookies = false,
            // Bounded so that long-lived connections eventually see DNS changes.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectCallback = (context, cancellationToken) => ConnectAsync(context, options, cancellationToken),
        };
    }

    private static async ValueTask<Stream> ConnectAsync(
        SocketsHttpConnectionContext context, OutboundHttpOptions options, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var requestUri = context.InitialRequestMessage.RequestUri;
        using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connectTimeout.CancelAfter(options.ConnectTimeout);

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            var addresses = await ResolveAsync(endpoint.Host, connectTimeout.Token);
            if (addresses.Length == 0)
            {
                throw new OutboundRequestRefusedException($"host {endpoint.Host} has no addresses", requestUri);
            }

            if (!options.AllowPrivateNetworks)
            {
                // One bad address refuses the host: the OS might pick it on a retry.
                var refused = addresses.FirstOrDefault(a => !NetworkAddressPolicy.IsPubliclyRoutable(a));
                if (refused is not null)
                {
                    throw new OutboundRequestRefusedException(
                        $"address {refused} of host {endpoint.Host} is not publicly routable", requestUri);
                }
            }

            await socket.ConnectAsync(addresses, endpoint.Port, connectTimeout.Token);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new OutboundRequestTimeoutException(
                $"connecting to {endpoint.Host}:{endpoint.Port}", options.ConnectTimeout, requestUri);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        // IPv6 literals may arrive bracketed from the URI authority.
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            return [literal];
        }

        return await Dns.GetHostAddressesAsync(host, cancellationToken);
    }
}
