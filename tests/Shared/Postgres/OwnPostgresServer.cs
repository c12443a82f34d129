namespace Middleware.Tests.Shared.Postgres;

/// <summary>A PostgreSQL server that belongs to one test, which may stop it and start it again (a
/// database lost during work and back); the run's shared server is never stopped. Removed on dispose,
/// or at the latest when the test process exits.</summary>
public sealed class OwnPostgresServer(PostgresServer server) : IAsyncDisposable
{
    /// <summary>The server, for databases and connection strings.</summary>
    public PostgresServer Server { get; } = server;

    /// <summary>Stops the server, cutting every open connection; the data stays.</summary>
    public Task StopAsync() => Server.StopAsync();

    /// <summary>Starts it again on the same socket and data.</summary>
    public Task StartAgainAsync() => Server.RestartAsync();

    /// <summary>Stops the server and removes its folder.</summary>
    public ValueTask DisposeAsync()
    {
        Server.Stop();
        return ValueTask.CompletedTask;
    }
}
