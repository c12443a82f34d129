using Middleware.Core.Actors;

namespace Middleware.Server.Feeds.Open;

/// <summary>What a feed reader shows as a post's author: the display name the author chose, else
/// their handle <c>@user@host</c>. A URI means nothing to a reader, so it is the last resort.</summary>
public static class AuthorNames
{
    /// <summary>The name for <paramref name="authorUri"/>, from its cached actor when there is one.</summary>
    public static string Of(string authorUri, RemoteActor? actor)
    {
        if (!string.IsNullOrWhiteSpace(actor?.DisplayName))
            return actor.DisplayName.Trim();
        if (!System.Uri.TryCreate(authorUri, UriKind.Absolute, out var uri))
            return authorUri;
        // Mastodon actor ids end in the username (/users/ann); without an actor document that is
        // the best guess at the handle there is.
        var user = !string.IsNullOrWhiteSpace(actor?.Username)
            ? actor.Username
            : uri.Segments.LastOrDefault()?.Trim('/').TrimStart('@');
        return string.IsNullOrEmpty(user) ? authorUri : $"@{user}@{actor?.Host ?? uri.Host}";
    }

    /// <summary>Names for every author of <paramref name="authorUris"/>, each actor read once.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> OfAllAsync(
        IEnumerable<string> authorUris, IRemoteActorStore actors, CancellationToken ct)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var author in authorUris)
        {
            if (!names.ContainsKey(author))
                names[author] = Of(author, await actors.FindAsync(author, ct));
        }
        return names;
    }
}
