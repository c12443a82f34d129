using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.Ranking;

/// <summary><c>/api/admin/plugins</c> over a plugins folder holding one broken plugin (its assembly is
/// missing). Loading real plugin builds is tested in Middleware.Ranking.Tests (PluginReloadTests).</summary>
public sealed class PluginEndpointTests : IAsyncLifetime
{
    private readonly string plugins = Directory.CreateTempSubdirectory("plugins-").FullName;
    private MiddlewareFactory service = null!;

    public Task InitializeAsync()
    {
        var folder = Directory.CreateDirectory(Path.Combine(plugins, "broken")).FullName;
        File.WriteAllText(Path.Combine(folder, "plugin.json"),
            """{ "id": "broken-one", "version": "1.0.0", "contractVersion": "1.0", "assembly": "Broken.dll" }""");
        service = new MiddlewareFactory();
        service.Settings["Middleware:Ranking:PluginsPath"] = plugins;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await service.DisposeAsync();
        Directory.Delete(plugins, recursive: true);
    }

    [Fact]
    public async Task The_load_state_of_each_plugin_is_listed()
    {
        using var admin = service.CreateAdminClient();

        var list = await admin.GetFromJsonAsync<JsonElement>("/api/admin/plugins");

        var plugin = Assert.Single(list.EnumerateArray());
        Assert.Equal("broken-one", plugin.GetProperty("id").GetString());
        Assert.Equal("failed", plugin.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, plugin.GetProperty("loadedVersion").ValueKind);
        Assert.Contains("'Broken.dll' named in plugin.json is not in the plugin folder", plugin.GetProperty("lastError").GetString());
        Assert.EndsWith("broken", plugin.GetProperty("folder").GetString());
    }

    [Fact]
    public async Task A_reload_by_id_or_of_all_answers_the_new_state()
    {
        using var admin = service.CreateAdminClient();

        var one = await admin.PostAsync("/api/admin/plugins/broken-one/reload", null);
        var all = await admin.PostAsync("/api/admin/plugins/reload", null);

        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        var state = await one.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("failed", state.GetProperty("state").GetString());
        Assert.True(state.GetProperty("lastAttemptAt").TryGetDateTimeOffset(out _));
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Equal(["broken-one"], (await all.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(p => p.GetProperty("id").GetString()));
    }

    [Theory]
    [InlineData("Broken-One")]
    [InlineData("a--b")]
    [InlineData("a.b")]
    [InlineData("x%20y")]
    public async Task An_id_that_cannot_be_a_plugins_is_400_naming_id(string id)
    {
        using var admin = service.CreateAdminClient();

        var response = await admin.PostAsync($"/api/admin/plugins/{id}/reload", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("id", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task An_unknown_plugin_is_404()
    {
        using var admin = service.CreateAdminClient();

        var response = await admin.PostAsync("/api/admin/plugins/no-such-plugin/reload", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("GET", "/api/admin/plugins")]
    [InlineData("POST", "/api/admin/plugins/reload")]
    [InlineData("POST", "/api/admin/plugins/broken-one/reload")]
    public async Task Strangers_are_refused(string method, string path)
    {
        using var stranger = service.CreateClient();
        stranger.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-the-token");

        var response = await stranger.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
