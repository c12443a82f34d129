using System.Net;

namespace Middleware.Server.Tests.ClientApi;

public sealed class CorsTests : ClientApiFixture
{
    [Theory]
    [InlineData("/api/v1/timelines/home", "GET")]
    [InlineData("/api/v1/statuses/1/favourite", "POST")]
    [InlineData("/oauth/token", "POST")]
    [InlineData("/api/v1/preferences/ranking", "PUT")]
    public async Task Preflights_are_answered_for_any_origin(string path, string method)
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, path);
        preflight.Headers.Add("Origin", "https://phanpy.social");
        preflight.Headers.Add("Access-Control-Request-Method", method);
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization, content-type, idempotency-key");

        var response = await Client.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var allowed = string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant();
        Assert.Contains("authorization", allowed);
        Assert.Contains("idempotency-key", allowed);
        Assert.Contains(method, string.Join(",", response.Headers.GetValues("Access-Control-Allow-Methods")));
    }

    [Theory]
    [InlineData("/api/v1/feeds")]
    [InlineData("/api/v1/feeds/nope/skeleton")]
    [InlineData("/feeds/nope.atom")]
    public async Task The_open_feed_API_answers_web_apps_of_any_origin(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Origin", "https://elk.zone");

        var response = await Client.SendAsync(request);

        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task Answers_expose_the_Link_header_to_web_apps()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/instance");
        request.Headers.Add("Origin", "https://elk.zone");

        var response = await Client.SendAsync(request);

        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("Link", string.Join(",", response.Headers.GetValues("Access-Control-Expose-Headers")));
    }

    [Fact]
    public async Task Errors_carry_CORS_headers_too_so_web_apps_can_read_them()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/timelines/home");
        request.Headers.Add("Origin", "https://elk.zone");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "revoked");

        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }
}
