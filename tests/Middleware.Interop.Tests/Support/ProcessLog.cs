using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Middleware.Interop.Tests.Support;

/// <summary>The output of a child process (the peer, the service), kept for assertion messages.</summary>
public sealed class ProcessLog
{
    private readonly StringBuilder _text = new();

    public void Append(string? line)
    {
        if (line is null)
            return;
        lock (_text)
            _text.AppendLine(line);
    }

    public override string ToString()
    {
        lock (_text)
            return _text.ToString();
    }
}

public static class LoopbackPort
{
    /// <summary>A port free on 127.0.0.1 right now (another process may still take it; callers retry).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
