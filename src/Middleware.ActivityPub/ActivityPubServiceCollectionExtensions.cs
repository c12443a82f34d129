using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Middleware.ActivityPub.Actors;
using Middleware.ActivityPub.Federation;
using Middleware.ActivityPub.Http;
using Middleware.ActivityPub.Processing;
using Middleware.ActivityPub.Streams;

namespace Middleware.ActivityPub;

public static class ActivityPubServiceCollectionExtensions
{
    /// <summary>Registers the ActivityPub side: guarded outbound HTTP, signed fetching, actor and
    /// key resolution, delivery, and the activity handlers. The host registers <see cref="LocalUrls"/>.</summary>
    public static IServiceCollection AddActivityPub(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddGuardedHttpClient();

        services.AddSingleton<ActivityWriter>();
        services.AddSingleton<LocalActorKeys>();
        services.AddSingleton<IDocumentFetcher, SignedDocumentFetcher>();
        services.AddSingleton<ActorResolver>();
        services.AddSingleton<PublicKeyResolver>();
        services.AddSingleton<InboxAuthenticator>();
        services.AddSingleton<WebFingerClient>();
        services.AddSingleton<AccountResolver>();
        services.AddSingleton<DeliverySender>();

        services.AddSingleton<PostResolver>();
        services.AddSingleton<IActivityHandler, CreateUpdateHandler>();
        services.AddSingleton<IActivityHandler, DeleteHandler>();
        services.AddSingleton<IActivityHandler, AnnounceLikeHandler>();
        services.AddSingleton<IActivityHandler, UndoHandler>();
        services.AddSingleton<IActivityHandler, FollowHandler>();
        services.AddSingleton<IActivityHandler, FollowResponseHandler>();
        services.AddSingleton<ActivityProcessor>();
        return services;
    }
}
