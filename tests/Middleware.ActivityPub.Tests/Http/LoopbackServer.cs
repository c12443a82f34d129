using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Middleware.ActivityPub.Tests.Http;

/// <summary>A request as seen by <see cref="LoopbackServer"/>.</summary>
internal sealed record LoopbackRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// A raw HTTP/1.1 server on 127.0.0.1 that closes every connection after one response, so tests
/// control exactly what bytes the client sees (chunked bodies, stalls, lying headers).
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<LoopbackRequest, Stream, CancellationToken, Task> _respond;
    private readonly Task _acceptLoop;
    private int _connections;
    private readonly List<LoopbackRequest> _requests = [];

    public LoopbackServer(Func<LoopbackRequest, Stream, CancellationToken, Task> respond)
    {
        _respond = respond;
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Connections => Volatile.Read(ref _connections);

    public IReadOnlyList<LoopbackRequest> Requests { get { lock (_requests) { return [.. _requests]; } } }

    public Uri Url(string path, string scheme = "http", string host = "127.0.0.1") => new($"{scheme}://{host}:{Port}{path}");

    public static Task WriteAsync(Stream stream, int status, string body, params string[] headers) =>
        WriteRawAsync(stream,
            $"HTTP/1.1 {status} X\r\nConnection: close\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n"
            + string.Concat(headers.Select(h => h + "\r\n")) + "\r\n" + body);

    public static async Task WriteRawAsync(Stream stream, string raw)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(raw));
        await stream.FlushAsync();
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
                _ = ServeAsync(client);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var request = await ReadRequestAsync(stream, _stop.Token);
                lock (_requests)
                {
                    _requests.Add(request);
                }

                await _respond(request, stream, _stop.Token);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
            {
                // The client gave up (timeout or refusal tests); nothing to report.
            }
        }
    }

    private static async Task<LoopbackRequest> ReadRequestAsync(Stream stream, CancellationToken cancellationToken)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(head))
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                throw new IOException("connection closed before the request head ended");
            }

            head.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString([.. head]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var parts = lines[0].Split(' ');
        var headers = lines.Skip(1).Select(l => l.Split(':', 2))
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        if (headers.TryGetValue("Content-Length", out var length))
        {
            var body = new byte[int.Parse(length)];
            await stream.ReadExactlyAsync(body, cancellationToken);
        }

        return new LoopbackRequest(parts[0], parts[1], headers);
    }

    private static bool EndsWithBlankLine(List<byte> head) =>
        head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n';

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _acceptLoop;
        _stop.Dispose();
    }
}
