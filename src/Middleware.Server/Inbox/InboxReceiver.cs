using System.Text.Json;
using Microsoft.Extensions.Options;
using Middleware.ActivityPub.Federation;
using Middleware.ActivityPub.Signatures;
using Middleware.ActivityPub.Streams;
using Middleware.Core.Inbox;
using Middleware.Server.Configuration;
using Middleware.Server.Edges;
using Middleware.Server.Operations;

namespace Middleware.Server.Inbox;

/// <summary>What an inbox POST goes through before the 202: media type, size, signature, shape,
/// then durable storage. Nothing is processed here; <see cref="InboxWorker"/> does that.</summary>
public sealed class InboxReceiver(
    InboxAuthenticator authenticator,
    InboxWriter writer,
    InboxBackpressure backpressure,
    InboxHostLimiter hostLimits,
    PublicUrlProvider urls,
    IOptions<MiddlewareOptions> options,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ServiceMetrics metrics,
    ILogger<InboxReceiver> log)
{
    public async Task<IResult> ReceiveAsync(HttpContext http, string? localRecipient, CancellationToken ct)
    {
        var result = await DecideAsync(http, localRecipient, ct);
        if (result is IStatusCodeHttpResult { StatusCode: { } status })
            metrics.InboxReceived(status);
        return result;
    }

    private async Task<IResult> DecideAsync(HttpContext http, string? localRecipient, CancellationToken ct)
    {
        var request = http.Request;
        if (!IsAcceptedMediaType(request.ContentType))
            return Error(StatusCodes.Status415UnsupportedMediaType, "Send activities as application/activity+json or application/ld+json.");
        // Stopping: whatever is stored now is processed after the restart; peers retry a 503.
        if (backpressure.IsOverloaded || lifetime.ApplicationStopping.IsCancellationRequested)
            return Overloaded(http);

        var limit = options.Value.MaxInboxBodyBytes;
        if (request.ContentLength > limit)
            return Error(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {limit} bytes.");
        var body = await ReadBodyAsync(request, limit, ct);
        if (body is null)
            return Error(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {limit} bytes.");

        // Mastodon's wording; an unsigned activity is never stored, let alone processed.
        if (!IsSigned(request))
            return Error(StatusCodes.Status401Unauthorized, "Request not signed");
        var signed = new SignedRequest(request.Method, TargetUri(request), Headers(request), body);

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, ActivityStreams.DocumentOptions);
        }
        catch (JsonException e)
        {
            return Problems.Malformed($"The body is not valid JSON: {e.Message}");
        }
        using (document)
        {
            var read = ActivityEnvelope.Read(document);
            if (read.Envelope is not { } activity)
                return Error(StatusCodes.Status400BadRequest, read.Error!);

            var auth = await authenticator.AuthenticateAsync(signed, ct);
            if (!auth.Ok)
            {
                log.LogInformation("Refused {Type} {Id}: {Reason}", activity.Type, activity.Id, auth.Error);
                return auth.Transient
                    ? Error(StatusCodes.Status503ServiceUnavailable, $"The signing key could not be fetched: {auth.Error}")
                    : Error(StatusCodes.Status401Unauthorized, auth.Error!);
            }

            if (hostLimits.Refusal(auth.SignerUri!) is { } retryAfter)
            {
                log.LogInformation("Refused {Type} {Id}: its host is over the inbox rate limit", activity.Type, activity.Id);
                return RateLimitPolicies.TooManyRequests(http, retryAfter);
            }

            var entry = new NewInboxEntry(activity.Id, activity.Type, activity.ActorUri, auth.SignerUri!,
                System.Text.Encoding.UTF8.GetString(body), localRecipient, clock.GetUtcNow());
            return await writer.AppendAsync(entry) switch
            {
                AppendOutcome.Overloaded => Overloaded(http),
                _ => Results.StatusCode(StatusCodes.Status202Accepted),
            };
        }
    }

    private static bool IsSigned(HttpRequest request) =>
        request.Headers.ContainsKey("Signature") || request.Headers.ContainsKey("Signature-Input")
        || request.Headers.Authorization.ToString().StartsWith("Signature ", StringComparison.OrdinalIgnoreCase);

    private static bool IsAcceptedMediaType(string? contentType)
    {
        var mediaType = contentType?.Split(';', 2)[0].Trim().ToLowerInvariant();
        // Mastodon accepts plain JSON too; a few implementations send it.
        return mediaType is "application/activity+json" or "application/ld+json" or "application/json";
    }

    /// <summary>The URL as the sender addressed it: behind a reverse proxy that is the public URL.</summary>
    private Uri TargetUri(HttpRequest request) => new($"{urls.Urls.Base}{request.PathBase}{request.Path}{request.QueryString}");

    private static Dictionary<string, string> Headers(HttpRequest request)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
            headers[name] = string.Join(", ", values.ToArray());
        return headers;
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the body is longer.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream(request.ContentLength is > 0 and var n && n <= limit ? (int)n : 16 * 1024);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static IResult Overloaded(HttpContext http)
    {
        http.Response.Headers.RetryAfter = "30";
        return Error(StatusCodes.Status503ServiceUnavailable, "The inbox is busy; try again later.");
    }

    /// <summary>A problem document; its <c>error</c> member keeps Mastodon's wording for peers that read it.</summary>
    private static IResult Error(int status, string message) => Problems.ForStatus(status, message);
}
