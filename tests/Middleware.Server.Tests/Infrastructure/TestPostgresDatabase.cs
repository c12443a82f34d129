using Middleware.Tests.Shared.Postgres;

namespace Middleware.Server.Tests.Infrastructure;

/// <summary>An empty database on the run's PostgreSQL server for one <see cref="MiddlewareFactory"/>; the
/// service migrates it at start, as it would in production.</summary>
public sealed class TestPostgresDatabase
{
    private readonly PostgresServer _server;
    private readonly string _name;

    private TestPostgresDatabase(PostgresServer server, string name)
    {
        _server = server;
        _name = name;
        ConnectionString = server.ConnectionString(name);
    }

    /// <summary>Whether this run puts the service on PostgreSQL (<c>MIDDLEWARE_TEST_DATABASE=postgres</c>).</summary>
    public static bool Selected => PostgresServer.Selected;

    public string ConnectionString { get; }

    /// <summary>Made while the host is configured, which is synchronous.</summary>
    public static TestPostgresDatabase Create()
    {
        var server = PostgresServer.StartedAsync().GetAwaiter().GetResult();
        return new TestPostgresDatabase(server, server.CreateDatabaseAsync().GetAwaiter().GetResult());
    }

    public Task DropAsync() => _server.DropDatabaseAsync(_name);
}
