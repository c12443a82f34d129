using Microsoft.AspNetCore.DataProtection;

namespace Middleware.Server.ClientApi;

/// <summary>Registration and routes of the Mastodon client API.</summary>
public static class ClientApiSetup
{
    /// <summary>Options, the home-instance client and Data Protection with its keys kept in
    /// <c>{dataDirectory}/keys</c>, so stored upstream tokens survive restarts.</summary>
    public static IServiceCollection AddClientApi(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.Configure<ClientApiOptions>(configuration.GetSection(ClientApiOptions.Section));
        services.AddDataProtection()
            .SetApplicationName("Middleware")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));
        services.AddSingleton<UpstreamSecrets>();
        services.AddSingleton<HomeInstanceClient>();
        services.AddSingleton<HomeInstanceLogin>();
        services.AddSingleton<HomeTimeline>();
        services.AddSingleton<InteractionRecorder>();
        return services;
    }

    public static IEndpointRouteBuilder MapClientApi(this IEndpointRouteBuilder app)
    {
        app.MapClientApps();
        app.MapAuthorize();
        app.MapTokens();
        app.MapClientAccounts();
        app.MapHomeTimeline();
        app.MapRankingPreference();
        app.MapInstance();
        app.MapPassThrough();
        return app;
    }
}
