using System.Net;
using System.Net.Sockets;
using Middleware.Server.Configuration;
using Middleware.Server.Tests.Infrastructure;
using Middleware.Tests.Shared.Postgres;

namespace Middleware.Server.Tests.Configuration;

/// <summary><c>Middleware:Database</c> at start: a database that does not answer, a setting naming no
/// database and PostgreSQL without a connection string each stop the process with one line an admin can
/// act on and a non-zero exit; a reachable PostgreSQL is migrated and served from.</summary>
public sealed class DatabaseStartTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly string _data = Path.Combine(Path.GetTempPath(), "middleware-tests", Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData(null, true)]
    [InlineData("sqlite", true)]
    [InlineData(" Postgres ", true)]
    [InlineData("postgresql", true)]
    [InlineData("mysql", false)]
    [InlineData("sqlite3", false)]
    public void Only_sqlite_and_postgres_are_databases(string? setting, bool known) =>
        Assert.Equal(known, DatabaseChoice.Parse(setting) is not null);

    [Fact]
    public async Task An_unreachable_postgres_stops_the_process_with_one_line_naming_it_and_a_non_zero_exit()
    {
        var closedPort = ClosedLoopbackPort();
        using var service = ServerProcess.Start(_data, new Dictionary<string, string>
        {
            ["Middleware__Database"] = "postgres",
            ["ConnectionStrings__Default"] = $"Host=127.0.0.1;Port={closedPort};Database=middleware;Username=middleware;Password=s3cret-pw;Timeout=5",
        });

        Assert.NotEqual(0, await service.ExitCodeAsync(Timeout));
        var line = Assert.Single(service.Lines, l => l.Contains("cannot be reached", StringComparison.Ordinal));
        Assert.Contains($"PostgreSQL at 127.0.0.1:{closedPort}/middleware cannot be reached", line);
        Assert.DoesNotContain(service.Lines, l => l.Contains("s3cret-pw", StringComparison.Ordinal));
        Assert.DoesNotContain(service.Lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.DoesNotContain(service.Lines, l => l.Contains("serving http://", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_database_setting_naming_no_database_is_refused()
    {
        using var service = ServerProcess.Start(_data, new Dictionary<string, string> { ["Middleware__Database"] = "mysql" });

        Assert.NotEqual(0, await service.ExitCodeAsync(Timeout));
        Assert.Single(service.Lines, l => l.Contains("Middleware:Database 'mysql' is not a database this service runs on", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Postgres_without_a_connection_string_is_refused()
    {
        using var service = ServerProcess.Start(_data, new Dictionary<string, string>
        {
            ["Middleware__Database"] = "postgres",
            ["ConnectionStrings__Default"] = "",
        });

        Assert.NotEqual(0, await service.ExitCodeAsync(Timeout));
        Assert.Single(service.Lines, l => l.Contains("ConnectionStrings:Default is empty", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reachable_postgres_is_migrated_and_the_service_starts_on_it()
    {
        var server = await PostgresServer.StartedAsync();
        var database = await server.CreateDatabaseAsync();
        try
        {
            using var service = ServerProcess.Start(_data, new Dictionary<string, string>
            {
                ["Middleware__Database"] = "postgres",
                ["ConnectionStrings__Default"] = server.ConnectionString(database),
            });

            var started = await service.LineAsync("serving http://127.0.0.1:", Timeout);
            Assert.Contains("with 0 feeds and 0 sources", started);
            Assert.False(File.Exists(Path.Combine(_data, "middleware.db")));
            service.Kill();
        }
        finally
        {
            await server.DropDatabaseAsync(database);
        }
    }

    /// <summary>A loopback port nothing listens on: bound, read, released.</summary>
    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A process may still be letting go of its files; the temp folder is cleaned later.
        }
    }
}
