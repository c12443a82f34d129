using System.Security.Cryptography;

namespace Middleware.Server.Web;

/// <summary>The site's one stylesheet, embedded in the assembly and served from memory at
/// <c>/static/site.css</c>. Pages link it with a hash of its content, so browsers may keep it for a
/// year: a new version has a new URL.</summary>
public sealed class SiteStylesheet
{
    public const string Path = "/static/site.css";
    private const string Resource = "Middleware.Server.Web.site.css";

    public SiteStylesheet()
    {
        using var stream = typeof(SiteStylesheet).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The stylesheet {Resource} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        Content = copy.ToArray();
        Version = Convert.ToHexStringLower(SHA256.HashData(Content))[..16];
    }

    public byte[] Content { get; }

    /// <summary>The first 16 hex digits of the content's SHA-256.</summary>
    public string Version { get; }

    /// <summary>What pages link to.</summary>
    public string Url => $"{Path}?v={Version}";

    public IResult Serve(HttpContext http)
    {
        var headers = http.Response.Headers;
        headers.ETag = $"\"{Version}\"";
        headers.XContentTypeOptions = "nosniff";
        // The current version's URL never changes content; any other URL is kept briefly.
        headers.CacheControl = http.Request.Query["v"] == Version ? "public, max-age=31536000, immutable" : "public, max-age=300";
        if (http.Request.Headers.IfNoneMatch == $"\"{Version}\"")
            return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(Content, "text/css; charset=utf-8");
    }
}
