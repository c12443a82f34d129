using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Middleware.Interop.Tests.Support;

namespace Middleware.Interop.Tests.Peer;

/// <summary>
/// A real ActivityPub server (Fedify, <c>tests/interop/peer/peer.mjs</c>) running on loopback
/// over plain http, with accounts <c>alice</c> and <c>bob</c>. Start one with
/// <see cref="StartAsync"/>, drive it through the control methods (follow, create, announce…),
/// read what its inboxes got with <see cref="GetReceivedAsync"/>, and dispose it to kill it.
/// Control calls return after delivery has finished: the peer sends without a queue.
/// </summary>
public sealed partial class FedifyPeer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http;
    private readonly ProcessLog _log = new();

    private FedifyPeer(Process process, int port, TimeSpan controlTimeout)
    {
        _process = process;
        Port = port;
        BaseUrl = new Uri($"http://127.0.0.1:{port}");
        _http = new HttpClient { BaseAddress = BaseUrl, Timeout = controlTimeout };
    }

    /// <summary>The loopback port the peer listens on.</summary>
    public int Port { get; }

    /// <summary>The peer's origin, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public Uri BaseUrl { get; }

    /// <summary>The host part of the peer's handles: <c>127.0.0.1:port</c>.</summary>
    public string Host => $"127.0.0.1:{Port}";

    /// <summary>What the peer wrote to stderr so far (Fedify warnings, errors; debug if verbose).</summary>
    public string Log => _log.ToString();

    /// <summary>The actor id of a local account, e.g. <c>http://127.0.0.1:41234/users/alice</c>.</summary>
    public string ActorUrl(string account) => $"http://{Host}/users/{account}";

    /// <summary>The personal inbox of a local account.</summary>
    public string InboxUrl(string account) => $"{ActorUrl(account)}/inbox";

    /// <summary>The followers collection of a local account.</summary>
    public string FollowersUrl(string account) => $"{ActorUrl(account)}/followers";

    /// <summary>The shared inbox of the peer.</summary>
    public string SharedInboxUrl => $"http://{Host}/inbox";

    /// <summary>The WebFinger handle of a local account, e.g. <c>alice@127.0.0.1:41234</c>.</summary>
    public string Handle(string account) => $"{account}@{Host}";

    /// <summary>
    /// Installs the peer's npm packages if missing, starts <c>node peer.mjs</c> on a free
    /// loopback port and waits until it prints <c>READY</c>.
    /// </summary>
    public static async Task<FedifyPeer> StartAsync(
        FedifyPeerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FedifyPeerOptions();
        var repoRoot = RepositoryRoot.Locate();
        await PeerInstaller.EnsureInstalledAsync(repoRoot, cancellationToken);
        var peerDir = Path.Combine(repoRoot, "tests", "interop", "peer");

        // The port is free when we look but could be taken before node binds it; retry then.
        for (var attempt = 1; ; attempt++)
        {
            var peer = Launch(peerDir, LoopbackPort.Free(), options);
            try
            {
                await peer.WaitUntilReadyAsync(options.StartTimeout, cancellationToken);
                return peer;
            }
            catch (FedifyPeerException) when (attempt < 3 && peer.Log.Contains("EADDRINUSE"))
            {
                await peer.DisposeAsync();
            }
            catch
            {
                await peer.DisposeAsync();
                throw;
            }
        }
    }

    private static FedifyPeer Launch(string peerDir, int port, FedifyPeerOptions options)
    {
        var startInfo = new ProcessStartInfo("node")
        {
            WorkingDirectory = peerDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            ArgumentList = { "peer.mjs", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
        if (options.FirstKnock is { } spec)
        {
            startInfo.ArgumentList.Add("--signature");
            startInfo.ArgumentList.Add(spec == PeerSignatureSpec.Cavage ? "cavage" : "rfc9421");
        }
        if (options.Verbose)
        {
            startInfo.ArgumentList.Add("--verbose");
        }
        if (options.Accounts is { } accounts)
        {
            startInfo.ArgumentList.Add("--accounts");
            startInfo.ArgumentList.Add(string.Join(',', accounts.Select(a => a.Name)));
            startInfo.ArgumentList.Add("--created");
            startInfo.ArgumentList.Add(string.Join(',', accounts.Where(a => a.Created is not null).Select(a => $"{a.Name}={a.Created!.Value.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}")));
        }
        var process = Process.Start(startInfo)
            ?? throw new FedifyPeerException("Could not start node; is Node 20+ on PATH?");
        var peer = new FedifyPeer(process, port, options.ControlTimeout);
        process.ErrorDataReceived += (_, e) => peer.AppendLog(e.Data);
        process.BeginErrorReadLine();
        return peer;
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            while (await _process.StandardOutput.ReadLineAsync(cts.Token) is { } line)
            {
                if (line.StartsWith("READY ", StringComparison.Ordinal))
                {
                    // Keep draining stdout so the peer never blocks on a full pipe.
                    _ = _process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FedifyPeerException($"The peer did not print READY within {timeout}.\n{Log}");
        }
        await _process.WaitForExitAsync(CancellationToken.None);
        throw new FedifyPeerException($"The peer exited with {_process.ExitCode} before READY.\n{Log}");
    }

    private void AppendLog(string? line) => _log.Append(line);


    /// <summary>Kills the peer and its process tree.</summary>
    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(cts.Token);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        catch (OperationCanceledException)
        {
            // It was killed; do not hang the test run waiting for the exit notification.
        }
        _process.Dispose();
    }
}

/// <summary>The peer failed to start, or a control call answered with an error.</summary>
public sealed class FedifyPeerException(string message, HttpStatusCode? status = null) : Exception(message)
{
    /// <summary>The control API's HTTP status, when the failure came from a control call.</summary>
    public HttpStatusCode? Status { get; } = status;
}
