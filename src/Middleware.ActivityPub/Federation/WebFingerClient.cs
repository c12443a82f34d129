using System.Text.Json;
using Microsoft.Extensions.Options;
using Middleware.ActivityPub.Http;
using Middleware.ActivityPub.Streams;

namespace Middleware.ActivityPub.Federation;

public sealed record WebFingerResult(string? ActorUri, string? Error, bool Transient = false);

/// <summary>Resolves <c>acct:user@host</c> to an actor id through the host's WebFinger endpoint.</summary>
public sealed class WebFingerClient(IHttpClientFactory clients, IOptions<OutboundHttpOptions> options)
{
    public async Task<WebFingerResult> ResolveAsync(string user, string host, CancellationToken ct)
    {
        var result = await QueryAsync("https", user, host, ct);
        // Test peers on loopback speak plain http; only allowed where private networks are.
        if (result.ActorUri is null && result.Transient && options.Value.AllowPrivateNetworks)
            result = await QueryAsync("http", user, host, ct);
        return result;
    }

    private async Task<WebFingerResult> QueryAsync(string scheme, string user, string host, CancellationToken ct)
    {
        var resource = Uri.EscapeDataString($"acct:{user}@{host}");
        var url = $"{scheme}://{host}/.well-known/webfinger?resource={resource}";
        if (!Uri.TryCreate(url, UriKind.Absolute, out _))
            return new WebFingerResult(null, $"'{user}@{host}' is not a valid handle.");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept", "application/jrd+json, application/json");
        try
        {
            using var response = await clients.CreateClient(GuardedHttpClient.DefaultName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode)
                return new WebFingerResult(null, $"WebFinger for {user}@{host} answered {(int)response.StatusCode}.", (int)response.StatusCode >= 500);
            var body = await BoundedBody.ReadAsBytesAsync(response, options.Value.MaxResponseBytes, ct);
            using var doc = JsonDocument.Parse(body, ActivityStreams.DocumentOptions);
            var self = doc.RootElement.Items("links").FirstOrDefault(l =>
                l.String("rel") == "self" && ActivityStreams.IsActivityPubMediaType(l.String("type")));
            var href = self.ValueKind == JsonValueKind.Object ? self.String("href") : null;
            return JsonReading.IsHttpUri(href)
                ? new WebFingerResult(href, null)
                : new WebFingerResult(null, $"WebFinger for {user}@{host} names no ActivityPub actor.");
        }
        catch (JsonException)
        {
            return new WebFingerResult(null, $"WebFinger for {user}@{host} did not answer valid JSON.");
        }
        catch (OutboundRequestRefusedException e)
        {
            return new WebFingerResult(null, e.Message);
        }
        catch (Exception e) when (e is HttpRequestException or OutboundRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new WebFingerResult(null, $"WebFinger for {user}@{host} failed: {e.Message}", Transient: true);
        }
    }
}
