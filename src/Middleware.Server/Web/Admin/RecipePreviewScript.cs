namespace Middleware.Server.Web.Admin;

/// <summary>The recipe editor's live-preview script, embedded in the assembly and served to the signed-in
/// admin only. It is the only script of the site, and only the editor page allows it:
/// <see cref="ContentSecurityPolicy"/> adds <c>script-src 'self'</c> and <c>connect-src 'self'</c> to the
/// site's policy there and nothing else (no inline script, no other origin).</summary>
public static class RecipePreviewScript
{
    public const string Path = "/admin/recipe-preview.js";
    private const string Resource = "Middleware.Server.Web.Admin.recipe-preview.js";

    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static readonly Lazy<byte[]> Content = new(() =>
    {
        using var stream = typeof(RecipePreviewScript).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The script {Resource} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static IResult Serve(HttpContext http)
    {
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "no-store";
        return Results.Bytes(Content.Value, "text/javascript; charset=utf-8");
    }
}
