using Middleware.Server.ClientApi.FeedSurfaces;
using Middleware.Server.Secrets;

namespace Middleware.Server.ClientApi;

/// <summary>Registration and routes of the Mastodon client API.</summary>
public static class ClientApiSetup
{
    /// <summary>CORS as Mastodon answers it (rack-cors): any origin, no credentials, and <c>Link</c>
    /// exposed, without which web apps cannot read the next page's URL.</summary>
    public const string CorsPolicy = "mastodon-client-api";

    /// <summary>Options, CORS, the home-instance client and Data Protection with its keys kept in
    /// <c>{dataDirectory}/keys</c> (see <see cref="KeyRingSetup"/>), so stored upstream tokens survive restarts.</summary>
    public static IServiceCollection AddClientApi(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.Configure<ClientApiOptions>(configuration.GetSection(ClientApiOptions.Section));
        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
            .AllowAnyOrigin()
            .AllowAnyHeader()
            .WithMethods("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
            .WithExposedHeaders("Link", "X-RateLimit-Reset", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-Request-Id")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));
        services.AddProtectedKeyRing(configuration, dataDirectory);
        services.AddSingleton<UpstreamSecrets>();
        services.AddSingleton<ClientCallers>();
        services.AddSingleton<HomeInstanceClient>();
        services.AddSingleton<HomeInstanceLogin>();
        services.AddSingleton<UpstreamRevocation>();
        services.AddSingleton<HomeTimeline>();
        services.AddSingleton<SharedHomeWindows>();
        services.AddSingleton<HomeFeedPosts>();
        services.AddSingleton<HomeStatusLookup>();
        services.AddSingleton<FeedWindows>();
        services.AddSingleton<FeedListTimeline>();
        services.AddSingleton<InteractionRecorder>();
        services.AddSingleton<FollowingSync>();
        return services;
    }

    /// <summary>Maps the routes; the host must call <c>UseCors()</c>. The browser-facing authorize
    /// pages get no CORS headers, as at Mastodon.</summary>
    public static IEndpointRouteBuilder MapClientApi(this IEndpointRouteBuilder app)
    {
        app.MapAuthorize();
        var api = app.MapGroup("").RequireCors(CorsPolicy);
        api.MapClientApps();
        api.MapTokens();
        api.MapInstance();
        // Everything else is done for a person, with our bearer token (Access/ClientTokenHandler); each
        // endpoint then checks its scopes and that the token names a person, as Mastodon answers.
        var person = api.MapGroup("").RequireAuthorization(Access.AccessPolicies.ClientToken);
        person.MapClientAccounts();
        person.MapHomeTimeline();
        person.MapFeedLists();
        person.MapFeedTrends();
        person.MapRankingPreference();
        person.MapPassThrough();
        return app;
    }
}
