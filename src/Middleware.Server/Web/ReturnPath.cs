namespace Middleware.Server.Web;

/// <summary>Where a page sends the browser back to: a path on this site only, never another origin
/// (no open redirect). Refused: anything not starting with one <c>/</c> (absolute URLs, <c>//evil</c>),
/// backslashes (<c>/\evil</c>, which browsers read as <c>//evil</c>), and whitespace or control
/// characters (browsers drop tabs and newlines, so <c>/\t/evil</c> would become <c>//evil</c>).</summary>
public static class ReturnPath
{
    public const string Home = "/";
    private const int MaxLength = 1000;

    /// <summary>The path when it is a local one, else null.</summary>
    public static string? Local(string? path)
    {
        if (path is not { Length: > 0 and <= MaxLength } || path[0] != '/' || path.StartsWith("//", StringComparison.Ordinal))
            return null;
        foreach (var c in path)
        {
            if (c is '\\' || c <= ' ' || c >= '\u007f')
                return null;
        }
        // A last check by the parser browsers resemble: the path must stay on our origin.
        return Uri.TryCreate(new Uri("http://origin.invalid"), path, out var resolved) && resolved.Authority == "origin.invalid"
            ? path
            : null;
    }

    /// <summary>The page a request was for, to come back to after signing in: its path and query for
    /// a GET, its path alone for a form post (the page that posted it).</summary>
    public static string Of(HttpRequest request)
    {
        var path = $"{request.PathBase.ToUriComponent()}{request.Path.ToUriComponent()}";
        if (HttpMethods.IsGet(request.Method))
            path += request.QueryString;
        return Local(path) ?? Home;
    }
}
