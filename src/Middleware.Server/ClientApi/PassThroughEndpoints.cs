using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Middleware.ActivityPub.Actors;
using Middleware.ActivityPub.Http;
using Middleware.Core.Accounts;
using Middleware.Server.ClientApi.FeedSurfaces;

namespace Middleware.Server.ClientApi;

/// <summary>Every other <c>/api/v1</c> and <c>/api/v2</c> call goes to the person's home instance with
/// their upstream token, and its answer comes back unchanged, so posting, favouriting,
/// notifications and the rest keep working in any app.</summary>
public static class PassThroughEndpoints
{
    // Request headers worth passing on; everything else (cookies, our Authorization, hop-by-hop) stays here.
    private static readonly string[] RequestHeaders = ["Accept-Language", "Idempotency-Key", "If-None-Match", "If-Modified-Since"];
    private static readonly string[] AnswerHeaders =
        ["X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "Cache-Control", "ETag", "Last-Modified", "Retry-After"];

    public static IEndpointRouteBuilder MapPassThrough(this IEndpointRouteBuilder app)
    {
        // Catch-alls: the literal routes of the client API take precedence over them.
        app.Map("/api/v1/{**rest}", (HttpContext http, CancellationToken ct) => ForwardAsync(http, ct)).DisableAntiforgery();
        app.Map("/api/v2/{**rest}", (HttpContext http, CancellationToken ct) => ForwardAsync(http, ct)).DisableAntiforgery();
        return app;
    }

    /// <summary>Forwards the request as the catch-all routes do; for endpoints of the service that
    /// answer some ids themselves and pass the others on.</summary>
    public static Task<IResult> ForwardAsync(HttpContext http, CancellationToken ct)
    {
        var services = http.RequestServices;
        return ForwardAsync(http, services.GetRequiredService<ClientCallers>(), services.GetRequiredService<HomeInstanceClient>(),
            services.GetRequiredService<InteractionRecorder>(), services.GetRequiredService<LocalUrls>(),
            services.GetRequiredService<IOptions<ClientApiOptions>>(), ct);
    }

    /// <summary>Forwards method, path, query, body and content type; answers the home instance's
    /// status and body unchanged, with its <c>Link</c> header pointed at the service. 401 for an
    /// invalid token, 422 for an app token, 413 for a body over the limit, 502/504 when the instance fails.
    /// A path naming one of the service's own list ids never reaches the home instance (404).</summary>
    private static async Task<IResult> ForwardAsync(HttpContext http, ClientCallers callers, HomeInstanceClient home, InteractionRecorder interactions, LocalUrls urls,
        IOptions<ClientApiOptions> options, CancellationToken ct)
    {
        if (FeedListIds.InPath(http.Request.Path))
            return FeedListIds.NotFound();
        // No scope check here: the grant's own upstream token carries its scopes to the home instance.
        var (caller, error) = await callers.ResolveAsync(http.Request, userRequired: true, ct);
        if (caller is null)
            return error!;
        var account = caller.Account!;
        var request = http.Request;
        if (request.ContentLength > options.Value.MaxForwardedBodyBytes)
            return Results.Json(new { error = "The request body is too large." }, statusCode: StatusCodes.Status413PayloadTooLarge);

        ByteArrayContent? content = null;
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            var body = await ReadBodyAsync(request, options.Value.MaxForwardedBodyBytes, ct);
            if (body is null)
                return Results.Json(new { error = "The request body is too large." }, statusCode: StatusCodes.Status413PayloadTooLarge);
            content = new ByteArrayContent(body);
            if (request.ContentType is { } type && MediaTypeHeaderValue.TryParse(type, out var parsed))
                content.Headers.ContentType = parsed;
        }

        try
        {
            var answer = await home.SendAsync(account.InstanceHost, new HttpMethod(request.Method), request.Path + request.QueryString,
                caller.UpstreamToken, content, ct, upstream =>
                {
                    // A redirect goes back to the app as it came (a followed POST would turn into a GET).
                    upstream.Options.Set(GuardedRedirectHandler.DoNotFollow, true);
                    foreach (var name in RequestHeaders)
                        if (request.Headers.TryGetValue(name, out var value))
                            upstream.Headers.TryAddWithoutValidation(name, value.ToArray());
                });
            foreach (var name in AnswerHeaders)
                if (answer.Headers.TryGetValues(name, out var values))
                    http.Response.Headers[name] = values.ToArray();
            if (UpstreamLinks.Rewrite(answer, home.BaseUri(account.InstanceHost), urls.Base) is { } link)
                http.Response.Headers["Link"] = link;
            if (answer.Headers.Location is { } location)
                http.Response.Headers.Location = UpstreamLinks.Rewrite(location, home.BaseUri(account.InstanceHost), urls.Base);
            if (account.Preference.RecordInteractions && answer.Status is >= 200 and < 300 && request.Method == "POST")
                await interactions.RecordAsync(account, caller.UpstreamToken!, request.Path, answer.Body, ct);
            return new ForwardedAnswer(answer);
        }
        catch (UpstreamException e)
        {
            return e.ToResult();
        }
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
