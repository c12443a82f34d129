using System.Net;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.Inbox;

/// <summary>Over the pending-entry cap the inbox answers 503 with Retry-After, and stores nothing.</summary>
public sealed class BackpressureTests : IAsyncLifetime
{
    private RemoteServer _remote = null!;
    private MiddlewareFactory _service = null!;

    public async Task InitializeAsync()
    {
        _remote = await RemoteServer.StartAsync();
        _service = new MiddlewareFactory();
        _service.Settings["Middleware:MaxPendingInbox"] = "0";
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await _remote.DisposeAsync();
    }

    [Fact]
    public async Task Inbox_over_its_cap_answers_503_with_retry_after()
    {
        using var alice = RemoteAccount.Create(_remote, "alice");
        var client = _service.CreateClient();
        var response = await client.SendAsync(alice.SignedPost("/inbox", Payloads.Load("create-note.json", alice.Values(("status", "1")))));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        using var admin = _service.CreateAdminClient();
        var stats = System.Text.Json.JsonDocument.Parse(await admin.GetStringAsync("/api/admin/stats")).RootElement;
        Assert.Equal(0, stats.GetProperty("inboxPending").GetInt64());
        Assert.Equal(0, stats.GetProperty("inboxDone").GetInt64());
    }
}
