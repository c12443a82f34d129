using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Middleware.Server.Tests.ClientApi;

/// <summary>The endpoints anyone may call read small bodies only.</summary>
public sealed class RequestSizeTests : ClientApiFixture
{
    [Theory]
    [InlineData("/api/v1/apps")]
    [InlineData("/oauth/token")]
    [InlineData("/oauth/revoke")]
    [InlineData("/oauth/authorize")]
    public async Task A_body_over_64_KB_is_refused_with_413_and_registers_nothing(string path)
    {
        var huge = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_name"] = "big", ["redirect_uris"] = "https://app.example/callback", ["website"] = new string('x', 70_000),
        });

        var response = await Client.PostAsync(path, huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM client_apps"));
    }

    [Fact]
    public async Task A_body_under_the_bound_registers_as_before()
    {
        var response = await Client.PostAsJsonAsync("/api/v1/apps", new { client_name = "ok", redirect_uris = "https://app.example/callback", website = "https://app.example/" + new string('x', 2_000) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
    }
}
