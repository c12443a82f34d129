using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.Edges;

/// <summary>A malformed body, a wrong media type or an unknown path is answered with one RFC 9457
/// problem document that names the problem, never an empty body or a stack trace.</summary>
public sealed class ProblemTests : ServiceFixture
{
    private static StringContent Body(string text, string? type)
    {
        var content = new StringContent(text, Encoding.UTF8);
        content.Headers.ContentType = type is null ? null : new System.Net.Http.Headers.MediaTypeHeaderValue(type);
        return content;
    }

    /// <summary>Asserts a problem document of this status and type, and returns it.</summary>
    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string type,
        string mediaType = "application/problem+json")
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{response.StatusCode}: {text}");
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", text);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.EndsWith($"#{type}", problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        Assert.Equal(problem.GetProperty("detail").GetString(), problem.GetProperty("error").GetString());
        return problem;
    }

    [Theory]
    [InlineData("/api/admin/feeds")]
    [InlineData("/api/admin/sources")]
    [InlineData("/api/admin/rank")]
    [InlineData("/api/admin/actors")]
    public async Task Malformed_JSON_on_an_admin_endpoint_is_a_400_problem(string path)
    {
        var problem = await AssertProblemAsync(await Admin.PostAsync(path, Body("{\"name\": ", "application/json")),
            HttpStatusCode.BadRequest, "malformed-json");
        Assert.Contains("not valid JSON", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData(null)]
    public async Task A_wrong_or_missing_media_type_on_an_admin_endpoint_is_a_415_problem(string? type)
    {
        var problem = await AssertProblemAsync(await Admin.PostAsync("/api/admin/rank", Body("{\"ranker\":\"chronological\"}", type)),
            HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        Assert.Contains("JSON", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Malformed_JSON_in_the_inbox_is_a_400_problem()
    {
        using var alice = RemoteAccount.Create(Remote, "alice");
        var problem = await AssertProblemAsync(await PostAsync(alice, "/inbox", "{\"type\": Create"), HttpStatusCode.BadRequest, "malformed-json");
        Assert.StartsWith("The body is not valid JSON", problem.GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_unknown_path_is_a_404_problem() =>
        await AssertProblemAsync(await Client.GetAsync("/no/such/page"), HttpStatusCode.NotFound, "not-found");

    [Fact]
    public async Task Malformed_JSON_to_the_client_API_keeps_Mastodon_error_beside_the_problem_members()
    {
        var apps = await AssertProblemAsync(await Client.PostAsync("/api/v1/apps", Body("{\"client_name\": ", "application/json")),
            HttpStatusCode.BadRequest, "malformed-json", "application/json");
        Assert.StartsWith("The body is not valid JSON", apps.GetProperty("error").GetString());

        var token = await Client.PostAsync("/oauth/token", Body("{\"grant_type\": ", "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, token.StatusCode);
        Assert.Equal("application/json", token.Content.Headers.ContentType?.MediaType);
        var doorkeeper = await token.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalid_request", doorkeeper.GetProperty("error").GetString());
        Assert.StartsWith("The body is not valid JSON", doorkeeper.GetProperty("error_description").GetString());
        Assert.EndsWith("#malformed-json", doorkeeper.GetProperty("type").GetString());
    }
}
