using System.Net;
using Microsoft.Extensions.Logging;
using Middleware.Server.Configuration;
using Middleware.Server.Tests.ClientApi;
using Middleware.Server.Tests.Infrastructure;
using Middleware.Server.Tests.Web;

namespace Middleware.Server.Tests.Edges;

/// <summary>A login that fails at the person's instance is one log line an admin can read, not a stack trace.</summary>
public sealed class QuietFailureLogTests : ClientApiFixture
{
    [Fact]
    public async Task A_failed_login_logs_one_line()
    {
        await using var broken = await RemoteServer.StartAsync();
        broken.ServeStatus("/api/v1/apps", 500);
        // The start report is written once the host has started, at the database's pace; it is not the login's line.
        await Service.Logs.WaitForAsync(e => e.Category == typeof(StartReport).FullName);
        var before = Service.Logs.Entries.Count;

        var refused = await WebSteps.PostHandleAsync(Client, $"@alice@{broken.Host}");

        Assert.NotEqual(HttpStatusCode.Redirect, refused.StatusCode);
        var logged = Service.Logs.Entries.Skip(before).Where(e => !e.Category.StartsWith("Microsoft.", StringComparison.Ordinal)).ToList();
        var entry = Assert.Single(logged);
        Assert.Null(entry.Exception);
        Assert.Contains(broken.Host, entry.Message);
        Assert.DoesNotContain('\n', entry.Message);
    }
}
