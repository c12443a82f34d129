namespace Middleware.Server.Web;

/// <summary>The site's icon (a 32×32 PNG, embedded), at the path browsers ask for on their own and
/// that <c>/api/v1/instance</c> names as the instance's thumbnail. PNG at <c>.ico</c> is what every
/// current browser and app accepts.</summary>
public static class SiteIcon
{
    public const string Path = "/favicon.ico";
    private const string Resource = "Middleware.Server.Web.icon.png";

    private static readonly byte[] Content = Read();

    private static byte[] Read()
    {
        using var stream = typeof(SiteIcon).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The icon {Resource} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public static IResult Serve(HttpContext http)
    {
        http.Response.Headers.CacheControl = "public, max-age=86400";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Bytes(Content, "image/png");
    }
}
