using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Middleware.ActivityPub.Signatures;

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

    public virtual async Task DisposeAsync()
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

    /// <summary>Waits until no delivery is pending: everything queued so far has reached the remote
    /// server (or been given up). A test that shows nothing more was sent asserts after this, not after a sleep.</summary>
    public Task DrainDeliveriesAsync() =>
        Eventually.TrueAsync(async () => (await StatsAsync()).GetProperty("deliveriesPending").GetInt64() == 0, "the deliveries to drain");

    public async Task<HttpResponseMessage> PostAsync(RemoteAccount from, string inboxPath, string json) =>
        await Client.SendAsync(from.SignedPost(inboxPath, json));

    /// <summary>The actor document we serve to ActivityPub clients.</summary>
    public async Task<JsonElement> GetActorDocumentAsync(string actorId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, actorId);
        request.Headers.Accept.ParseAdd("application/activity+json");
        return JsonDocument.Parse(await (await Client.SendAsync(request)).Content.ReadAsStringAsync()).RootElement;
    }

    /// <summary>Asserts that a delivery to the remote server carries a valid signature by the key the
    /// actor's document publishes.</summary>
    public async Task AssertSignedByAsync(RecordedRequest delivery, string actorId)
    {
        var request = new SignedRequest("POST", new Uri($"{Remote.BaseUrl}{delivery.PathAndQuery}"), delivery.Headers, Encoding.UTF8.GetBytes(delivery.Body));
        var parsed = HttpSignatureParser.Parse(request);
        Assert.True(parsed.Ok, parsed.Error);
        Assert.Equal($"{actorId}#main-key", parsed.Signature!.KeyId);
        var pem = (await GetActorDocumentAsync(actorId)).GetProperty("publicKey").GetProperty("publicKeyPem").GetString()!;
        var verified = HttpSignatureVerifier.Verify(parsed.Signature, request, pem, DateTimeOffset.UtcNow);
        Assert.True(verified.Valid, verified.Error);
    }

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
