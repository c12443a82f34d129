using Middleware.ActivityPub.Streams;
using Middleware.Core.Actors;

namespace Middleware.ActivityPub.Federation;

/// <summary>Turns what an admin types (<c>@user@host</c>, <c>acct:user@host</c> or an actor URL)
/// into a verified actor. WebFinger is checked both ways, as Mastodon does: the handle's self link
/// is the actor id, and the actor's own name on its own host points back to the same id.</summary>
public sealed class AccountResolver(WebFingerClient webFinger, ActorResolver actors)
{
    public async Task<ActorLookup> ResolveAsync(string target, CancellationToken ct)
    {
        target = target.Trim();
        if (JsonReading.IsHttpUri(target))
            return await actors.ResolveAsync(target, refresh: true, ct);

        var handle = target.StartsWith("acct:", StringComparison.OrdinalIgnoreCase) ? target[5..] : target.TrimStart('@');
        var parts = handle.Split('@');
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            return new ActorLookup(null, $"'{target}' is neither an actor URL nor a handle like @user@host.");
        var (user, host) = (parts[0], parts[1].ToLowerInvariant());

        var forward = await webFinger.ResolveAsync(user, host, ct);
        if (forward.ActorUri is null)
            return new ActorLookup(null, forward.Error, forward.Transient);
        var lookup = await actors.ResolveAsync(forward.ActorUri, refresh: true, ct);
        if (lookup.Actor is not { } actor)
            return lookup;
        if (actor.Uri != forward.ActorUri)
            return new ActorLookup(null, $"WebFinger named {forward.ActorUri} but the actor document is {actor.Uri}.");
        if (string.Equals(actor.Username, user, StringComparison.OrdinalIgnoreCase) && actor.Host == host)
            return lookup;

        var reverse = await webFinger.ResolveAsync(actor.Username ?? "", actor.Host, ct);
        return reverse.ActorUri == actor.Uri
            ? lookup
            : new ActorLookup(null, $"{actor.Uri} does not confirm the handle {user}@{host} through WebFinger.", reverse.Transient);
    }
}
