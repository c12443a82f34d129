namespace Middleware.Server.Configuration;

/// <summary>What <c>Middleware:PublicUrl</c> must be: the root of the service as peers reach it.
/// Actor ids are built from its scheme, host and port only, so a path, query or user info would be
/// silently dropped and every id would point somewhere else.</summary>
public static class PublicUrlRule
{
    /// <summary>Why the value cannot be used, or null when it can (or is not set: then the listening
    /// address is used).</summary>
    public static string? Problem(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
            return "is not an absolute http(s) URL";
        if (uri.UserInfo.Length > 0)
            return "must not contain a user name or password";
        if (uri.AbsolutePath != "/")
            return $"has a path ({uri.AbsolutePath}); the service must be served at the root of its host";
        if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
            return "must not have a query or fragment";
        return null;
    }

    /// <summary>The one line an admin reads when the value is refused.</summary>
    public static string Refusal(string value, string problem) =>
        $"Middleware:PublicUrl '{value}' {problem}: set it to the service's public root URL, e.g. https://feeds.example.org. The service did not start.";
}
