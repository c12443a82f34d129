using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Middleware.Server.Tests.Infrastructure;

/// <summary>The in-memory test server has no remote address. A request with <see cref="Header"/> gets
/// that one, as if it came over the network from there; it is set before anything of the service runs.</summary>
public sealed class PeerAddress : IStartupFilter
{
    public const string Header = "X-Test-Peer-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, following) =>
        {
            if (context.Request.Headers.Remove(Header, out var value) && IPAddress.TryParse(value, out var address))
                context.Connection.RemoteIpAddress = address;
            return following(context);
        });
        next(app);
    };

    /// <summary>A request from <paramref name="address"/>.</summary>
    public static HttpRequestMessage From(string address, HttpMethod method, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add(Header, address);
        return request;
    }
}
