using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Middleware.Server.Tests.Infrastructure;
using static Middleware.Server.Tests.Web.Admin.AdminSteps;

namespace Middleware.Server.Tests.Web.Admin;

/// <summary>The plugins page: every ranker with its load state, and why a plugin was refused or broke.</summary>
public sealed class AdminPluginPageTests : ServiceFixture, IDisposable
{
    private readonly string plugins = Path.Combine(Path.GetTempPath(), "middleware-admin-plugins", Guid.NewGuid().ToString("N"));

    protected override void Configure(MiddlewareFactory service)
    {
        // Not listed in Middleware:Ranking:Plugins:Allowed: refused (ADR 0026).
        Write("refused", """{"id":"refused","version":"1.0.0","contractVersion":"1.0","assembly":"Refused.dll"}""", "Refused.dll");
        // Its assembly is missing: broken.
        Write("broken", """{"id":"broken","version":"1.0.0","contractVersion":"1.0","assembly":"Missing.dll"}""", null);
        service.Settings["Middleware:Ranking:PluginsPath"] = plugins;
    }

    public void Dispose() => Directory.Delete(plugins, recursive: true);

    private void Write(string folder, string manifest, string? assembly)
    {
        var path = Directory.CreateDirectory(Path.Combine(plugins, folder)).FullName;
        File.WriteAllText(Path.Combine(path, "plugin.json"), manifest);
        if (assembly is not null)
            File.WriteAllBytes(Path.Combine(path, assembly), [0x4d, 0x5a, 0, 0]);
    }

    [Fact]
    public async Task Every_ranker_is_shown_loaded_refused_or_broken_with_the_reason()
    {
        using var browser = await SignedInAsync(Service);
        var rankers = (await Admin.GetFromJsonAsync<JsonElement>("/api/admin/rankers")).EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!);

        var html = WebUtility.HtmlDecode(await (await browser.GetAsync("/admin/plugins")).Content.ReadAsStringAsync());

        foreach (var id in rankers.Keys)
            Assert.Contains($"<td>{id}<br>", html);
        Assert.Contains("loaded (in use)", html);
        Assert.Contains("refused (not in the allowed list)", html);
        Assert.Contains("broken (could not be loaded)", html);
        Assert.Contains(rankers["refused"].GetProperty("error").GetString()!, html);
        Assert.Contains(rankers["broken"].GetProperty("error").GetString()!, html);
    }

    [Fact]
    public async Task The_reload_button_loads_a_folder_added_on_disk_and_shows_why_it_was_refused()
    {
        using var browser = await SignedInAsync(Service);
        Write("late", """{"id":"late","version":"2.0.0","contractVersion":"1.0","assembly":"Late.dll"}""", "Late.dll");
        Assert.DoesNotContain("<td>late<br>", await (await browser.GetAsync("/admin/plugins")).Content.ReadAsStringAsync());

        var reloaded = await PostFormAsync(browser, "/admin/plugins", "/admin/plugins/reload");

        Assert.Equal(HttpStatusCode.SeeOther, reloaded.StatusCode);
        var html = WebUtility.HtmlDecode(await (await browser.GetAsync("/admin/plugins")).Content.ReadAsStringAsync());
        Assert.Contains("<td>late<br>", html);
        Assert.Contains("Reload plugins from disk", html);
    }

    [Fact]
    public async Task The_reload_button_refuses_a_form_without_its_antiforgery_token()
    {
        using var browser = await SignedInAsync(Service);
        Write("late", """{"id":"late","version":"2.0.0","contractVersion":"1.0","assembly":"Late.dll"}""", "Late.dll");

        var refused = await browser.PostAsync("/admin/plugins/reload", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var rankers = await Admin.GetFromJsonAsync<JsonElement>("/api/admin/rankers");
        Assert.DoesNotContain(rankers.EnumerateArray(), r => r.GetProperty("id").GetString() == "late");
    }
}
