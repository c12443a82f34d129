using System.Net;
using System.Net.Sockets;

namespace Middleware.Server.Edges;

/// <summary>Who a rate limit counts a request against: the remote address (the real client's once
/// <see cref="ProxyTrust"/> has applied a known proxy's <c>X-Forwarded-For</c>).</summary>
public static class ClientAddress
{
    /// <summary>An IPv4 address, or an IPv6 address's /64: one IPv6 host usually holds a whole /64, and
    /// counting its addresses one by one would let it walk around any limit.</summary>
    public static string PartitionKey(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress;
        if (address is null)
            return "unknown"; // in-memory test servers and Unix sockets have none
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }
}
