using System.Diagnostics;
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
    private const int Port = 5432; // only names the socket file: the server listens on no TCP port

    // PostgreSQL refuses to run as root; under root the server runs as Debian's postgres user.
    private const string ServiceUser = "postgres";

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
    public static string? Unavailable => FindBin() is null
        ? "PostgreSQL is not installed (no initdb on PATH or under /usr/lib/postgresql/*/bin); run tests/setup.sh."
        : null;

    /// <summary>A connection string to <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = _folder,
        Port = Port,
        Username = Superuser,
        Database = database,
        // A test database lives for one test class; pooled connections to it would block its DROP.
        Pooling = false,
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

    private static async Task<PostgresServer> StartAsync()
    {
        var bin = FindBin() ?? throw new InvalidOperationException(Unavailable);
        var asServiceUser = Environment.UserName == "root";
        var folder = Path.Combine(Path.GetTempPath(), "middleware-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        var server = new PostgresServer(folder, bin, asServiceUser);
        try
        {
            if (asServiceUser)
            {
                await RunAsync("chown", [ServiceUser, folder]);
            }

            var data = Path.Combine(folder, "data");
            // No fsync anywhere: the data is thrown away, and fsyncs would dominate the test time.
            await server.RunPostgresAsync("initdb", ["-D", data, "-U", Superuser, "--auth=trust", "-E", "UTF8",
                "--locale=C", "--no-sync", "--no-instructions"]);
            var options = $"-k {folder} -p {Port} -c listen_addresses= -c fsync=off -c synchronous_commit=off "
                + "-c full_page_writes=off -c max_connections=200";
            await server.RunPostgresAsync("pg_ctl", ["-D", data, "-l", Path.Combine(folder, "server.log"),
                "-o", options, "-w", "-t", "60", "start"]);
        }
        catch
        {
            server.Stop();
            throw;
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        return server;
    }

    /// <summary>Stops the server at once (its data is not needed) and removes the folder.</summary>
    private void Stop()
    {
        var data = Path.Combine(_folder, "data");
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            try
            {
                RunPostgresAsync("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]).GetAwaiter().GetResult();
            }
            catch (InvalidOperationException)
            {
                // Already gone: nothing to stop.
            }
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder is not worth failing a run over.
        }
    }

    private Task RunPostgresAsync(string tool, string[] arguments) => _asServiceUser
        ? RunAsync("runuser", ["-u", ServiceUser, "--", Path.Combine(_bin, tool), .. arguments])
        : RunAsync(Path.Combine(_bin, tool), arguments);

    private static async Task RunAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', arguments)} exited {process.ExitCode}: {await error}{await output}");
        }
    }

    /// <summary>initdb's folder: on PATH (Debian links some tools into /usr/local/bin), else the newest
    /// /usr/lib/postgresql/N/bin. pg_ctl is taken from the same folder as initdb.</summary>
    private static string? FindBin()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "initdb"))
            .FirstOrDefault(File.Exists);
        if (onPath is not null)
        {
            var real = new FileInfo(onPath).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? onPath;
            if (File.Exists(Path.Combine(Path.GetDirectoryName(real)!, "pg_ctl")))
                return Path.GetDirectoryName(real);
        }

        const string debian = "/usr/lib/postgresql";
        return Directory.Exists(debian)
            ? Directory.GetDirectories(debian)
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var n) ? n : 0)
                .FirstOrDefault()
            : null;
    }
}
