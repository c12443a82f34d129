using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Middleware.Server.Configuration;

namespace Middleware.Server.Edges;

/// <summary><c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>, believed only from the proxies in
/// <c>Middleware:KnownProxies</c> (addresses) and <c>Middleware:KnownNetworks</c> (CIDR ranges); none by
/// default, when the headers are ignored. Behind a TLS proxy this makes requests https (cookies get
/// <c>Secure</c>) and gives rate limits the real client's address.</summary>
public static class ProxyTrust
{
    /// <summary>Why the configured proxies cannot be read, or null.</summary>
    public static string? Problem(MiddlewareOptions options)
    {
        foreach (var proxy in options.KnownProxies)
            if (!IPAddress.TryParse(proxy, out _))
                return $"Middleware:KnownProxies '{proxy}' is not an IP address. The service did not start.";
        foreach (var network in options.KnownNetworks)
            if (!System.Net.IPNetwork.TryParse(network, out _))
                return $"Middleware:KnownNetworks '{network}' is not a network in CIDR notation, like 10.0.0.0/8. The service did not start.";
        return null;
    }

    public static IServiceCollection AddProxyTrust(this IServiceCollection services, MiddlewareOptions options)
    {
        if (!Trusts(options) || Problem(options) is not null)
            return services;
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The defaults trust loopback; only what is configured is trusted here.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in options.KnownProxies)
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in options.KnownNetworks)
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        return services;
    }

    /// <summary>Applies the forwarded headers, first in the pipeline, when any proxy is configured.</summary>
    public static IApplicationBuilder UseProxyTrust(this IApplicationBuilder app, MiddlewareOptions options) =>
        Trusts(options) ? app.UseForwardedHeaders() : app;

    private static bool Trusts(MiddlewareOptions options) => options.KnownProxies.Length + options.KnownNetworks.Length > 0;
}
