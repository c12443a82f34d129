using Microsoft.AspNetCore.Http.Features;

namespace Middleware.Server.ClientApi;

/// <summary>The app registration and OAuth endpoints are open to anyone, and what they take (names,
/// redirect URIs, codes) is a few hundred bytes: their bodies are bounded.</summary>
public static class SmallBody
{
    public const long MaxBytes = 64 * 1024;

    /// <summary>Refuses a body over <see cref="MaxBytes"/> with 413 before the endpoint reads it: a
    /// declared length at once, a chunked one through the server's own limit (Kestrel answers 413).</summary>
    public static RouteHandlerBuilder WithSmallBody(this RouteHandlerBuilder endpoint) => endpoint.AddEndpointFilter(async (context, next) =>
    {
        var http = context.HttpContext;
        if (http.Request.ContentLength > MaxBytes)
            return Results.Json(new { error = $"The request body is larger than {MaxBytes / 1024} KB." }, statusCode: StatusCodes.Status413PayloadTooLarge);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = MaxBytes;
        return await next(context);
    });
}
