using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.ClientApi;

/// <summary>The service, a stand-in home instance, and the steps of a login as a client app and a
/// browser make them.</summary>
public class ClientApiFixture : IAsyncLifetime
{
    public const string AppRedirect = "https://app.example/callback";

    public MiddlewareFactory Service { get; private set; } = null!;
    public RemoteServer Remote { get; private set; } = null!;
    public MastodonStandIn Home { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    /// <summary>Settings for the service, applied before it starts.</summary>
    protected virtual void Configure(MiddlewareFactory service) { }

    /// <summary>The service under test (one of several nodes, in the cluster tests).</summary>
    protected virtual Task<MiddlewareFactory> CreateServiceAsync() => Task.FromResult(new MiddlewareFactory());

    public virtual async Task InitializeAsync()
    {
        Remote = await RemoteServer.StartAsync();
        Home = new MastodonStandIn(Remote);
        Service = await CreateServiceAsync();
        Service.Settings["ClientApi:UpstreamScheme"] = "http";
        Configure(Service);
        Client = Service.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    public virtual async Task DisposeAsync()
    {
        Client.Dispose();
        await Service.DisposeAsync();
        await Remote.DisposeAsync();
    }

    public async Task<(string Id, string Secret)> RegisterAppAsync(string name = "Test app", string scopes = "read write follow")
    {
        var response = await Client.PostAsync("/api/v1/apps", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_name"] = name, ["redirect_uris"] = AppRedirect, ["scopes"] = scopes,
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var app = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (app.GetProperty("client_id").GetString()!, app.GetProperty("client_secret").GetString()!);
    }

    /// <summary>Authorize page → handle form → home instance → callback; returns our code.</summary>
    public async Task<string> AuthorizeAsync(string clientId, string? challenge = null, string method = "S256", string scope = "read write")
    {
        var query = $"/oauth/authorize?client_id={clientId}&redirect_uri={Uri.EscapeDataString(AppRedirect)}&response_type=code&scope={Uri.EscapeDataString(scope)}&state=app-state";
        if (challenge is not null)
            query += $"&code_challenge={challenge}&code_challenge_method={method}";
        var page = await Client.GetAsync(query);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var login = Regex.Match(await page.Content.ReadAsStringAsync(), "name=\"login\" value=\"([^\"]+)\"").Groups[1].Value;

        var toHome = await Client.PostAsync("/oauth/authorize", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["login"] = login, ["handle"] = Home.Handle,
        }));
        Assert.True(toHome.StatusCode == HttpStatusCode.Redirect, await toHome.Content.ReadAsStringAsync());
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var approved = await browser.GetAsync(toHome.Headers.Location);
        var callback = approved.Headers.Location!;
        Assert.StartsWith($"{MiddlewareFactory.PublicUrl}/oauth/callback", callback.AbsoluteUri);

        var toApp = await Client.GetAsync(callback.PathAndQuery);
        Assert.True(toApp.StatusCode == HttpStatusCode.Redirect, await toApp.Content.ReadAsStringAsync());
        var back = toApp.Headers.Location!;
        Assert.StartsWith(AppRedirect, back.AbsoluteUri);
        Assert.Contains("state=app-state", back.Query);
        return Regex.Match(back.Query, "code=([^&]+)").Groups[1].Value;
    }

    public Task<HttpResponseMessage> ExchangeAsync(string clientId, string? secret, string code, string? verifier = null)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["client_id"] = clientId, ["code"] = Uri.UnescapeDataString(code),
            ["redirect_uri"] = AppRedirect,
        };
        if (secret is not null)
            form["client_secret"] = secret;
        if (verifier is not null)
            form["code_verifier"] = verifier;
        return Client.PostAsync("/oauth/token", new FormUrlEncodedContent(form));
    }

    /// <summary>A complete login: our access token for alice.</summary>
    public async Task<string> LoginAsync()
    {
        var (id, secret) = await RegisterAppAsync();
        var code = await AuthorizeAsync(id);
        var response = await ExchangeAsync(id, secret, code);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    public HttpClient ClientWithToken(string token)
    {
        var client = Service.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Runs a scalar query on the service's database (to check what is stored).</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = await Service.OpenDatabaseAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    /// <summary>The first column of every row <paramref name="sql"/> returns, as text, in its order
    /// (portable where SQLite's group_concat is not).</summary>
    public async Task<string[]> ColumnAsync(string sql)
    {
        await using var connection = await Service.OpenDatabaseAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
            values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        return values.ToArray();
    }
}
