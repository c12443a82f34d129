using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Middleware.Server.Tests.Infrastructure;

/// <summary>One running service plus one stand-in remote instance, for a test class.</summary>
public class ServiceFixture : IAsyncLifetime
{
    public MiddlewareFactory Service { get; private set; } = null!;
    public RemoteServer Remote { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Remote = await RemoteServer.StartAsync();
        Service = new MiddlewareFactory();
        Configure(Service);
        Client = Service.CreateClient();
        Admin = Service.CreateAdminClient();
    }

    /// <summary>Settings a test class wants before the service starts.</summary>
    protected virtual void Configure(MiddlewareFactory service)
    {
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        Admin.Dispose();
        await Service.DisposeAsync();
        await Remote.DisposeAsync();
    }

    /// <summary>The stored post as the admin API shows it, or null (404).</summary>
    public async Task<JsonElement?> GetPostAsync(string uri)
    {
        var response = await Admin.GetAsync($"/api/admin/posts?uri={Uri.EscapeDataString(uri)}");
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<JsonElement> StatsAsync() =>
        await Admin.GetFromJsonAsync<JsonElement>("/api/admin/stats");

    /// <summary>Waits until the inbox has no pending entries (everything posted so far is processed).</summary>
    public Task DrainInboxAsync() =>
        Eventually.TrueAsync(async () => (await StatsAsync()).GetProperty("inboxPending").GetInt64() == 0, "the inbox to drain");

    public async Task<HttpResponseMessage> PostAsync(RemoteAccount from, string inboxPath, string json) =>
        await Client.SendAsync(from.SignedPost(inboxPath, json));

    public async Task<string> CreateFeedActorAsync(string username)
    {
        var response = await Admin.PostAsJsonAsync("/api/admin/actors", new { username, displayName = $"Feed {username}" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return $"{MiddlewareFactory.PublicUrl}/users/{username}";
    }
}

/// <summary>A service fixture with two accounts, alice and bob, on the remote server.</summary>
public class TwoAccountsFixture : ServiceFixture
{
    protected RemoteAccount Alice { get; private set; } = null!;
    protected RemoteAccount Bob { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Alice = RemoteAccount.Create(Remote, "alice");
        Bob = RemoteAccount.Create(Remote, "bob");
    }
}
