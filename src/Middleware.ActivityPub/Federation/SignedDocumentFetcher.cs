using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Middleware.ActivityPub.Actors;
using Middleware.ActivityPub.Http;
using Middleware.ActivityPub.Signatures;
using Middleware.ActivityPub.Streams;

namespace Middleware.ActivityPub.Federation;

/// <summary>GETs ActivityPub documents signed by the instance actor (so instances in authorized-fetch
/// mode answer) and applies Mastodon's origin checks before anyone reads them.</summary>
public sealed class SignedDocumentFetcher(
    IHttpClientFactory clients,
    LocalActorKeys keys,
    LocalUrls urls,
    IOptions<OutboundHttpOptions> options,
    TimeProvider clock,
    ILogger<SignedDocumentFetcher> log) : IDocumentFetcher
{
    public async Task<FetchResult> FetchAsync(string url, CancellationToken ct = default)
    {
        var first = await FetchOnceAsync(url, ct);
        if (first.Status != FetchStatus.Ok)
            return first;
        var id = first.Root.String("id");
        if (id == url)
            return first;
        first.Dispose();
        // Mastodon's rule: a document may name a different id only if fetching that id returns
        // the same document from its own origin. One hop, no more.
        if (!JsonReading.IsHttpUri(id))
            return FetchResult.Fail(FetchStatus.Refused, $"The document at {url} has no http(s) id.");
        var second = await FetchOnceAsync(id!, ct);
        if (second.Status == FetchStatus.Ok && second.Root.String("id") != id)
        {
            second.Dispose();
            return FetchResult.Fail(FetchStatus.Refused, $"The document at {url} claims id {id}, which does not confirm it.");
        }
        return second;
    }

    private async Task<FetchResult> FetchOnceAsync(string url, CancellationToken ct)
    {
        if (!JsonReading.IsHttpUri(url))
            return FetchResult.Fail(FetchStatus.Refused, $"{url} is not an http(s) URL.");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept", ActivityStreams.AcceptHeader);
        var key = await keys.GetAsync(LocalUrls.InstanceActorName, ct);
        HttpSignatureSigner.SignDraftCavage(request, urls.KeyId(LocalUrls.InstanceActorName), key, ReadOnlySpan<byte>.Empty, clock.GetUtcNow());
        try
        {
            using var response = await clients.CreateClient(GuardedHttpClient.DefaultName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
                return FetchResult.Fail(FetchStatus.Gone, $"{url} answered {(int)response.StatusCode}.");
            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                var transient = status >= 500 || response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;
                return FetchResult.Fail(transient ? FetchStatus.Transient : FetchStatus.Refused, $"{url} answered {status}.");
            }
            var contentType = response.Content.Headers.ContentType?.ToString();
            if (!ActivityStreams.IsActivityPubMediaType(contentType))
                return FetchResult.Fail(FetchStatus.Refused, $"{url} answered with '{contentType}', not an ActivityPub media type.");
            var body = await BoundedBody.ReadAsBytesAsync(response, options.Value.MaxResponseBytes, ct);
            return FetchResult.Ok(JsonDocument.Parse(body, ActivityStreams.DocumentOptions));
        }
        catch (JsonException e)
        {
            log.LogInformation("Dropped {Url}: not valid JSON ({Message})", url, e.Message);
            return FetchResult.Fail(FetchStatus.Refused, $"{url} did not answer valid JSON.");
        }
        catch (OutboundRequestRefusedException e)
        {
            return FetchResult.Fail(FetchStatus.Refused, e.Message);
        }
        catch (ResponseTooLargeException e)
        {
            return FetchResult.Fail(FetchStatus.Refused, e.Message);
        }
        catch (Exception e) when (e is HttpRequestException or OutboundRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            log.LogInformation("Fetching {Url} failed: {Message}", url, e.Message);
            return FetchResult.Fail(FetchStatus.Transient, e.Message);
        }
    }
}
