using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Middleware.Server.Tests.Infrastructure;

/// <summary>The whole service in memory (TestServer), with its own SQLite file in a temp folder.
/// Outgoing requests are real and may reach loopback (AllowPrivateNetworks), where tests run
/// their stand-in remote servers.</summary>
public sealed class MiddlewareFactory : WebApplicationFactory<Program>
{
    public const string AdminToken = "test-admin-token";
    public const string PublicUrl = "http://localhost";

    public MiddlewareFactory(string? dataDirectory = null)
    {
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "middleware-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
    }

    public string DataDirectory { get; }

    /// <summary>What the service logged (Information and above).</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>Extra settings a test wants (e.g. a smaller body limit).</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    /// <summary>Replacements a test makes in the service's container (e.g. a fault injected below a store).</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Middleware:PublicUrl", PublicUrl);
        builder.UseSetting("Middleware:AdminToken", AdminToken);
        builder.UseSetting("Middleware:AllowPrivateNetworks", "true");
        builder.UseSetting("Middleware:DataDirectory", DataDirectory);
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={Path.Combine(DataDirectory, "middleware.db")}");
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, PeerAddress>());
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        if (TestServices is { } replace)
            builder.ConfigureTestServices(replace);
    }

    public HttpClient CreateAdminClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminToken);
        return client;
    }
}
