using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Middleware.Data;

namespace Middleware.Server.Tests.Infrastructure;

/// <summary>The whole service in memory (TestServer), with its own SQLite file in a temp folder, or,
/// when <c>MIDDLEWARE_TEST_DATABASE=postgres</c>, its own database on the run's PostgreSQL server.
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

    /// <summary>A PostgreSQL database this service shares with other factories (several nodes on one
    /// database); the test creates and drops it. Unset, the service has a database of its own.</summary>
    public string? SharedPostgres { get; set; }

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
        if (SharedPostgres is not null)
        {
            builder.UseSetting("Middleware:Database", "postgres");
            builder.UseSetting("ConnectionStrings:Default", SharedPostgres);
        }
        else if (TestPostgresDatabase.Selected)
        {
            _postgres ??= TestPostgresDatabase.Create();
            builder.UseSetting("Middleware:Database", "postgres");
            builder.UseSetting("ConnectionStrings:Default", _postgres.ConnectionString);
        }

        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, PeerAddress>());
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        if (TestServices is { } replace)
            builder.ConfigureTestServices(replace);
    }

    private TestPostgresDatabase? _postgres;
    /// <summary>Puts this service on a PostgreSQL database that other services (nodes) share; the
    /// caller creates and drops it.</summary>
    public MiddlewareFactory OnSharedPostgres(string connectionString)
    {
        SharedPostgres = connectionString;
        return this;
    }

    /// <summary>A second service on this one's data (its data folder and, on PostgreSQL, its database),
    /// to start once this one is disposed: a restart. The database then belongs to the new one, so
    /// disposing this one does not drop it.</summary>
    public MiddlewareFactory Restarted()
    {
        var next = new MiddlewareFactory(DataDirectory) { _postgres = _postgres };
        _postgres = null;
        return next;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_postgres is not null)
            await _postgres.DropAsync();
    }

    /// <summary>A connection to the service's own database, SQLite or PostgreSQL, for checking what is stored.</summary>
    public Task<DbConnection> OpenDatabaseAsync() => Services.GetRequiredService<IDbConnectionFactory>().OpenAsync();

    public HttpClient CreateAdminClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminToken);
        return client;
    }
}
