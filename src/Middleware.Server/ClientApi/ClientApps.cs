namespace Middleware.Server.ClientApi;

/// <summary>Rules shared by app registration and authorization: redirect URIs and scopes.</summary>
public static class ClientApps
{
    /// <summary>Mastodon's "show the code instead of redirecting" URI.</summary>
    public const string OutOfBand = "urn:ietf:wg:oauth:2.0:oob";

    private static readonly HashSet<string> TopScopes = ["read", "write", "follow", "push", "profile", "admin:read", "admin:write"];

    /// <summary>Redirect URIs as Mastodon accepts them: absolute, no fragment, or the out-of-band URN.
    /// Apps may send several separated by whitespace, or an array.</summary>
    public static IReadOnlyList<string>? ParseRedirectUris(IReadOnlyList<string> given)
    {
        var uris = given.SelectMany(g => g.Split([' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)).Distinct().ToList();
        if (uris.Count == 0)
            return null;
        foreach (var uri in uris)
        {
            if (uri == OutOfBand)
                continue;
            if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Fragment.Length > 0)
                return null;
        }
        return uris;
    }

    /// <summary>Normalised scope list, or null when one is not a Mastodon scope.</summary>
    public static string? ParseScopes(string? given)
    {
        var scopes = (given ?? "read").Split([' ', '+'], StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();
        if (scopes.Count == 0)
            scopes.Add("read");
        return scopes.All(IsKnownScope) ? string.Join(' ', scopes) : null;
    }

    /// <summary>True when every requested scope is granted by the app's scopes (<c>read</c> grants
    /// <c>read:statuses</c>).</summary>
    public static bool Covers(string appScopes, string requested)
    {
        var granted = appScopes.Split(' ').ToHashSet();
        return requested.Split(' ').All(s => granted.Contains(s) || (ParentOf(s) is { } parent && granted.Contains(parent)));
    }

    private static bool IsKnownScope(string scope) =>
        TopScopes.Contains(scope) || (ParentOf(scope) is { } parent && TopScopes.Contains(parent) && scope.Length <= 64);

    private static string? ParentOf(string scope)
    {
        var colon = scope.LastIndexOf(':');
        return colon > 0 && !TopScopes.Contains(scope) ? scope[..colon] : null;
    }
}
