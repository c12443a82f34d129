using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Middleware.Interop.Tests.Support;
using Middleware.Tests.Shared.Postgres;

namespace Middleware.Interop.Tests.Service;

/// <summary>
/// Our service (<c>Middleware.Server.dll</c>) running as a separate process on a loopback port,
/// with its own SQLite file in a temporary folder (or, when <c>MIDDLEWARE_TEST_DATABASE=postgres</c>, its
/// own database on the run's throw-away PostgreSQL), so that a real peer can reach it over TCP and
/// a test can SIGKILL it and start it again on the same data. Dispose to kill it and delete the data.
/// </summary>
public sealed partial class MiddlewareProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly string _dataDirectory;
    private readonly string _adminToken;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly ProcessLog _log = new();
    private readonly HttpClient _admin;
    private Process? _process;
    // The service's database on the run's PostgreSQL, kept across restarts; null on SQLite.
    private (PostgresServer Server, string Database)? _postgres;

    private MiddlewareProcess(string dataDirectory, int port, MiddlewareNodeOptions? node)
    {
        _dataDirectory = dataDirectory;
        Port = port;
        BaseUrl = new Uri($"http://127.0.0.1:{port}");
        PublicUrl = node?.PublicUrl ?? BaseUrl;
        _adminToken = node?.AdminToken ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _settings = node?.Settings ?? new Dictionary<string, string>();
        _admin = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        _admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _adminToken);
    }

    /// <summary>The loopback port; kept across <see cref="StartAgainAsync"/> so actor ids stay valid.</summary>
    public int Port { get; }

    /// <summary>The service's origin and <c>PublicUrl</c>, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The origin actor ids are minted on: <see cref="BaseUrl"/>, unless the node stands behind
    /// a front door shared with other nodes.</summary>
    public Uri PublicUrl { get; }

    /// <summary>The host part of our handles and actor ids (the public origin's).</summary>
    public string Host => PublicUrl.Authority;

    /// <summary>The instance actor, which follows sources.</summary>
    public string InstanceActorUrl => $"http://{Host}/actor";

    /// <summary>The shared inbox.</summary>
    public string SharedInboxUrl => $"http://{Host}/inbox";

    /// <summary>A client for <c>/api/admin</c> with the bearer token set.</summary>
    public HttpClient Admin => _admin;

    /// <summary>What the service wrote to stdout and stderr, across restarts.</summary>
    public string Log => _log.ToString();

    /// <summary>The actor id of a feed actor.</summary>
    public string FeedActorUrl(string username) => $"http://{Host}/users/{username}";

    /// <summary>Starts the service on a free loopback port with an empty data folder and waits until it answers.</summary>
    public static Task<MiddlewareProcess> StartAsync() => StartAsync(null);

    /// <summary>Starts one node of several sharing a database and a public origin (see <see cref="MiddlewareNodeOptions"/>).</summary>
    public static async Task<MiddlewareProcess> StartAsync(MiddlewareNodeOptions? node)
    {
        for (var attempt = 1; ; attempt++)
        {
            var dataDirectory = Directory.CreateTempSubdirectory("middleware-interop-").FullName;
            var service = new MiddlewareProcess(dataDirectory, LoopbackPort.Free(), node);
            try
            {
                // A node of several is given its database with the node's settings.
                if (PostgresServer.Selected && node is null)
                {
                    var postgres = await PostgresServer.StartedAsync();
                    service._postgres = (postgres, await postgres.CreateDatabaseAsync());
                }
                await service.LaunchAndWaitAsync();
                return service;
            }
            catch (InvalidOperationException) when (attempt < 3 && service.Log.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await service.DisposeAsync();
            }
            catch
            {
                await service.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>SIGKILLs the service and its process tree: no graceful shutdown, no flushing.</summary>
    public async Task KillAsync()
    {
        if (_process is null)
        {
            return;
        }
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _process.WaitForExitAsync(cts.Token);
        _process.Dispose();
        _process = null;
        AppendLog("--- killed ---");
    }

    /// <summary>Starts the service again on the same port and data folder (after <see cref="KillAsync"/>).</summary>
    public async Task StartAgainAsync()
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("The service is still running; kill it first.");
        }
        // The port was ours a moment ago; if something grabbed it in between, try again briefly.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await LaunchAndWaitAsync();
                return;
            }
            catch (InvalidOperationException) when (attempt < 5 && _process is null)
            {
                await Task.Delay(200);
            }
        }
    }

    /// <summary>Kills the service and deletes its data folder.</summary>
    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        try
        {
            await KillAsync();
        }
        catch (OperationCanceledException)
        {
            // Killed; do not hang the run waiting for the exit notification.
        }
        if (_postgres is { } postgres)
            await postgres.Server.DropDatabaseAsync(postgres.Database);
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the OS cleans temp folders.
        }
    }
}

/// <summary>What a node shares with the other nodes of one deployment: the public origin (a front
/// door in front of all of them), the admin token, and settings such as the database.</summary>
public sealed record MiddlewareNodeOptions(Uri PublicUrl, string AdminToken, IReadOnlyDictionary<string, string> Settings);
