using System.Net;
using System.Text;
using Middleware.ActivityPub.Actors;
using Middleware.ActivityPub.Http;
using Middleware.ActivityPub.Signatures;
using Middleware.ActivityPub.Streams;

namespace Middleware.ActivityPub.Federation;

public enum DeliveryResult
{
    Delivered,
    /// <summary>404 or 410: the inbox is gone; never retried.</summary>
    Gone,
    /// <summary>Refused for good (other 4xx, forbidden address).</summary>
    Refused,
    /// <summary>Timeout, connection failure, 5xx, 408 or 429: retry with backoff.</summary>
    Retry,
}

public sealed record DeliveryAttempt(DeliveryResult Result, string? Error, TimeSpan? RetryAfter = null);

/// <summary>POSTs one activity to one inbox, signed as Mastodon signs (draft-cavage, rsa-sha256,
/// over (request-target), host, date, digest and content-type).</summary>
public sealed class DeliverySender(IHttpClientFactory clients, LocalActorKeys keys, LocalUrls urls, TimeProvider clock)
{
    public async Task<DeliveryAttempt> SendAsync(string inboxUrl, string senderUsername, string body, CancellationToken ct)
    {
        if (!JsonReading.IsHttpUri(inboxUrl))
            return new DeliveryAttempt(DeliveryResult.Refused, "The inbox is not an http(s) URL.");
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, inboxUrl);
        request.Content = new ByteArrayContent(bytes);
        request.Content.Headers.TryAddWithoutValidation("Content-Type", ActivityStreams.ActivityJson);
        var key = await keys.GetAsync(senderUsername, ct);
        HttpSignatureSigner.SignDraftCavage(request, urls.KeyId(senderUsername), key, bytes, clock.GetUtcNow());
        try
        {
            using var response = await clients.CreateClient(GuardedHttpClient.DefaultName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
                return new DeliveryAttempt(DeliveryResult.Delivered, null);
            var error = $"{inboxUrl} answered {status} {response.ReasonPhrase}";
            return response.StatusCode switch
            {
                HttpStatusCode.NotFound or HttpStatusCode.Gone => new DeliveryAttempt(DeliveryResult.Gone, error),
                HttpStatusCode.RequestTimeout => new DeliveryAttempt(DeliveryResult.Retry, error),
                HttpStatusCode.TooManyRequests => new DeliveryAttempt(DeliveryResult.Retry, error, RetryAfter(response)),
                _ when status >= 500 => new DeliveryAttempt(DeliveryResult.Retry, error, RetryAfter(response)),
                _ => new DeliveryAttempt(DeliveryResult.Refused, error),
            };
        }
        catch (OutboundRequestRefusedException e)
        {
            return new DeliveryAttempt(DeliveryResult.Refused, e.Message);
        }
        catch (Exception e) when (e is HttpRequestException or OutboundRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new DeliveryAttempt(DeliveryResult.Retry, e.Message);
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
            return delta;
        if (header?.Date is { } date)
            return date - clock.GetUtcNow();
        return null;
    }
}
