namespace Middleware.ActivityPub.Actors;

/// <summary>Every URL of this service's ActivityPub surface, derived from its public base URL.
/// Paths follow Mastodon's (<c>/users/{name}</c>, <c>/inbox</c>) so peers see familiar shapes.</summary>
public sealed class LocalUrls
{
    /// <summary>Username of the instance (service) actor; feeds cannot take it.</summary>
    public const string InstanceActorName = "instance.actor";

    public LocalUrls(Uri baseUrl)
    {
        var text = baseUrl.GetLeftPart(UriPartial.Authority);
        Base = text.TrimEnd('/');
        Host = baseUrl.IsDefaultPort ? baseUrl.Host : $"{baseUrl.Host}:{baseUrl.Port}";
    }

    public string Base { get; }

    /// <summary>Host as it appears in acct: handles (with the port when not default).</summary>
    public string Host { get; }

    public string SharedInbox => $"{Base}/inbox";

    public string Actor(string username) =>
        username == InstanceActorName ? $"{Base}/actor" : $"{Base}/users/{Uri.EscapeDataString(username)}";

    public string Inbox(string username) => $"{Actor(username)}/inbox";
    public string Outbox(string username) => $"{Actor(username)}/outbox";
    public string Followers(string username) => $"{Actor(username)}/followers";
    public string Following(string username) => $"{Actor(username)}/following";
    public string KeyId(string username) => $"{Actor(username)}#main-key";
    public string Profile(string username) =>
        username == InstanceActorName ? $"{Base}/about" : $"{Base}/@{Uri.EscapeDataString(username)}";

    /// <summary>A fresh id for an activity we send.</summary>
    public string NewActivityId(string kind) => $"{Base}/activities/{kind}/{Guid.NewGuid():N}";

    /// <summary>The local username an actor id names, or null when it is not ours.</summary>
    public string? UsernameOf(string? actorUri)
    {
        if (actorUri is null)
            return null;
        if (actorUri == $"{Base}/actor")
            return InstanceActorName;
        var prefix = $"{Base}/users/";
        if (!actorUri.StartsWith(prefix, StringComparison.Ordinal))
            return null;
        var rest = actorUri[prefix.Length..];
        return rest.Length == 0 || rest.Contains('/') || rest.Contains('#') ? null : Uri.UnescapeDataString(rest);
    }
}
