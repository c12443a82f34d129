using System.Globalization;
using Npgsql;

namespace Middleware.Tests.Shared.Postgres;

/// <summary>A throw-away PostgreSQL server from Debian's packages (initdb + pg_ctl), one per test run:
/// its data folder and its unix socket live in a temporary folder, it listens on no TCP port, and it is
/// stopped and the folder removed when the test process exits. Tests take databases from it with
/// <see cref="CreateDatabaseAsync"/>, usually copies of a migrated template, which takes milliseconds
/// where a server start takes about a second.</summary>
public sealed class PostgresServer
{
    private const string Superuser = "middleware";
    private const string FolderPrefix = "middleware-pg-";
    private const int Port = 5432; // only names the socket file: the server listens on no TCP port


    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _folder;
    private readonly string _bin;
    private readonly bool _asServiceUser;

    private PostgresServer(string folder, string bin, bool asServiceUser)
    {
        _folder = folder;
        _bin = bin;
        _asServiceUser = asServiceUser;
    }

    /// <summary>Whether this run puts the service and its stores on PostgreSQL
    /// (<c>MIDDLEWARE_TEST_DATABASE=postgres</c>) instead of SQLite.</summary>
    public static bool Selected { get; } = string.Equals(
        Environment.GetEnvironmentVariable("MIDDLEWARE_TEST_DATABASE"), "postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>The run's server, started by the first caller.</summary>
    public static Task<PostgresServer> StartedAsync() => Shared.Value;

    /// <summary>Why PostgreSQL tests cannot run here (no initdb found), or null when they can.</summary>
    public static string? Unavailable => PostgresTools.FindBin() is null
        ? "PostgreSQL is not installed (no initdb on PATH or under /usr/lib/postgresql/*/bin); run tests/setup.sh."
        : null;

    /// <summary>A connection string to <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = _folder,
        Port = Port,
        Username = Superuser,
        Database = database,
        // Pooled, as in the service: DropDatabaseAsync forces out what a pool still holds.
    }.ToString();

    /// <summary>Creates an empty database, or a copy of <paramref name="template"/>; returns its name.</summary>
    public async Task<string> CreateDatabaseAsync(string? template = null)
    {
        var name = "t_" + Guid.NewGuid().ToString("N");
        var from = template is null ? "" : $" TEMPLATE {Quote(template)}";
        await ExecuteAsync($"CREATE DATABASE {Quote(name)}{from}");
        return name;
    }

    /// <summary>Drops <paramref name="database"/>, closing whatever is still connected to it.</summary>
    public Task DropDatabaseAsync(string database) =>
        ExecuteAsync($"DROP DATABASE IF EXISTS {Quote(database)} WITH (FORCE)");

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A server of the caller's own, not the run's shared one: for tests that stop it
    /// (<see cref="StopAsync"/>) and start it again (<see cref="RestartAsync"/>) on the same socket and data,
    /// as a database server that goes away and comes back. Dispose it to stop it and remove its folder.</summary>
    public static async Task<OwnPostgresServer> StartOwnAsync() => new(await StartAsync());

    /// <summary>Stops the server (fast shutdown: open connections are cut, as when a database server
    /// goes down); its data stays for <see cref="RestartAsync"/>.</summary>
    internal Task StopAsync() => RunPostgresAsync("pg_ctl", ["-D", Data, "-m", "fast", "-w", "stop"]);

    /// <summary>Starts the stopped server again on the same socket and data.</summary>
    internal Task RestartAsync() => RunPostgresAsync("pg_ctl", ["-D", Data, "-l", Path.Combine(_folder, "server.log"),
        "-o", Options, "-w", "-t", "60", "start"]);

    private string Data => Path.Combine(_folder, "data");

    // No fsync anywhere: the data is thrown away, and fsyncs would dominate the test time.
    private string Options => $"-k {_folder} -p {Port} -c listen_addresses= -c fsync=off -c synchronous_commit=off "
        + "-c full_page_writes=off -c max_connections=200";

    private static async Task<PostgresServer> StartAsync()
    {
        var bin = PostgresTools.FindBin() ?? throw new InvalidOperationException(Unavailable);
        var asServiceUser = Environment.UserName == "root";
        PostgresTools.RemoveAbandoned(Path.GetTempPath(), FolderPrefix, bin, asServiceUser);
        var name = Guid.NewGuid().ToString("N")[..12];
        var folder = Path.Combine(Path.GetTempPath(), FolderPrefix + name);

        // Whose server this is: a later run stops it if this process dies without stopping it. The
        // folder gets its name only once it names its owner, so no other run takes it for abandoned.
        var unnamed = Path.Combine(Path.GetTempPath(), "unnamed-" + FolderPrefix + name);
        Directory.CreateDirectory(unnamed);
        await File.WriteAllTextAsync(Path.Combine(unnamed, PostgresTools.OwnerFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.Move(unnamed, folder);
        var server = new PostgresServer(folder, bin, asServiceUser);
        try
        {
            if (asServiceUser)
            {
                await PostgresTools.ChownToServiceUserAsync(folder);
            }

            await server.RunPostgresAsync("initdb", ["-D", server.Data, "-U", Superuser, "--auth=trust", "-E", "UTF8",
                "--locale=C", "--no-sync", "--no-instructions"]);
            await server.RestartAsync();
        }
        catch
        {
            server.Stop();
            throw;
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        return server;
    }

    /// <summary>Stops the server at once (its data is not needed) and removes the folder. The test host
    /// may end before the folder is gone; the next run removes it (<see cref="PostgresTools.RemoveAbandoned"/>).</summary>
    internal void Stop() => PostgresTools.StopAndRemove(_folder, _bin, _asServiceUser);

    private Task RunPostgresAsync(string tool, string[] arguments) =>
        PostgresTools.RunAsync(_bin, tool, _asServiceUser, arguments);
}
