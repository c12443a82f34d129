using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Middleware.ActivityPub.Http;

/// <summary>
/// The one way the service makes outgoing HTTP requests: the redirect and deadline guard
/// over the address-checking socket handler, with our User-Agent.
/// </summary>
public static class GuardedHttpClient
{
    /// <summary>Name of the client registered by <see cref="AddGuardedHttpClient"/> by default.</summary>
    public const string DefaultName = "outbound";

    /// <summary>
    /// Registers the named guarded client with <see cref="IHttpClientFactory"/>, configured from
    /// <see cref="IOptions{OutboundHttpOptions}"/>. The host binds the options itself
    /// (<c>services.Configure&lt;OutboundHttpOptions&gt;(config.GetSection("Middleware"))</c>).
    /// </summary>
    public static IServiceCollection AddGuardedHttpClient(this IServiceCollection services, string name = DefaultName)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<OutboundHttpOptions>();
        services.AddHttpClient(name)
            .ConfigurePrimaryHttpMessageHandler(sp => GuardedSocketsHandler.Create(OptionsFrom(sp)))
            .AddHttpMessageHandler(sp => new GuardedRedirectHandler(OptionsFrom(sp)))
            .ConfigureHttpClient((sp, client) => ApplyDefaults(client, OptionsFrom(sp)))
            // The socket handler recycles its own connections (PooledConnectionLifetime),
            // so the factory need not rotate handlers.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        return services;
    }

    /// <summary>Creates a guarded client without dependency injection (tools, tests).</summary>
    public static HttpClient Create(OutboundHttpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var handler = new GuardedRedirectHandler(options) { InnerHandler = GuardedSocketsHandler.Create(options) };
        var client = new HttpClient(handler, disposeHandler: true);
        ApplyDefaults(client, options);
        return client;
    }

    private static void ApplyDefaults(HttpClient client, OutboundHttpOptions options)
    {
        client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", options.UserAgent);
        // Backstops for callers that let HttpClient buffer the body (the default completion
        // option) instead of using BoundedBody: the guard's deadline fires first for headers.
        client.MaxResponseContentBufferSize = Math.Clamp(options.MaxResponseBytes, 1, int.MaxValue);
        client.Timeout = options.RequestTimeout + TimeSpan.FromSeconds(1);
    }

    private static OutboundHttpOptions OptionsFrom(IServiceProvider services) =>
        services.GetRequiredService<IOptions<OutboundHttpOptions>>().Value;
}
