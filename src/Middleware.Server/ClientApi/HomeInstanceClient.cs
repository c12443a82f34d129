using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Middleware.ActivityPub.Http;

namespace Middleware.Server.ClientApi;

/// <summary>Requests to a person's home instance, all through the guarded client (SSRF checks and
/// one bounded deadline per request). Failures become <see cref="UpstreamException"/>.</summary>
public sealed class HomeInstanceClient(IHttpClientFactory clients, IOptions<ClientApiOptions> options)
{
    /// <summary>An answer read in full: status, headers and body bytes.</summary>
    public sealed record Answer(int Status, HttpResponseHeaders Headers, string? ContentType, byte[] Body);

    public Uri BaseUri(string host) => new($"{options.Value.UpstreamScheme}://{host}/");

    /// <summary>Sends the request and reads the whole answer, whatever its status.</summary>
    public async Task<Answer> SendAsync(string host, HttpMethod method, string pathAndQuery, string? bearer,
        HttpContent? content, CancellationToken ct, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(BaseUri(host), pathAndQuery)) { Content = content };
        request.Headers.Accept.ParseAdd("application/json");
        if (bearer is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        configure?.Invoke(request);
        try
        {
            using var response = await clients.CreateClient(GuardedHttpClient.DefaultName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var body = await BoundedBody.ReadAsBytesAsync(response, options.Value.MaxUpstreamBytes, ct);
            return new Answer((int)response.StatusCode, response.Headers, response.Content.Headers.ContentType?.ToString(), body);
        }
        catch (OutboundRequestTimeoutException e)
        {
            throw new UpstreamException(504, $"The home instance {host} did not answer in time ({e.Timeout.TotalSeconds:0.#} s).", e);
        }
        catch (OutboundRequestException e)
        {
            throw new UpstreamException(502, $"The home instance {host} could not be used: {e.Message}", e);
        }
        catch (HttpRequestException e)
        {
            throw new UpstreamException(502, $"The home instance {host} is unreachable: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new UpstreamException(504, $"The home instance {host} did not answer in time.", e);
        }
    }

    /// <summary>Sends the request and parses a successful JSON answer; any other answer is a 502.</summary>
    public async Task<JsonElement> SendForJsonAsync(string host, HttpMethod method, string pathAndQuery, string? bearer,
        HttpContent? content, CancellationToken ct)
    {
        var answer = await SendAsync(host, method, pathAndQuery, bearer, content, ct);
        if (answer.Status is < 200 or > 299)
            throw new UpstreamException(502, $"The home instance {host} answered {answer.Status} to {method} {PathOf(pathAndQuery)}.");
        try
        {
            using var json = JsonDocument.Parse(answer.Body);
            return json.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new UpstreamException(502, $"The home instance {host} answered {PathOf(pathAndQuery)} with something that is not JSON.", e);
        }
    }

    private static string PathOf(string pathAndQuery) => pathAndQuery.Split('?')[0];
}
