using System.Net;
using System.Net.Sockets;

namespace Middleware.ActivityPub.Http;

/// <summary>
/// Decides whether an address may be contacted from the public internet side of the service.
/// Anything that could reach the host itself, its LAN or a cloud metadata endpoint is refused,
/// so that a remote actor cannot make us fetch internal URLs (SSRF).
/// </summary>
public static class NetworkAddressPolicy
{
    // IANA special-purpose registry, minus the few entries that are globally reachable.
    private static readonly Prefix[] NonPublicV4 = Parse(
        "0.0.0.0/8",          // "this network", includes the unspecified address
        "10.0.0.0/8",         // private
        "100.64.0.0/10",      // carrier-grade NAT
        "127.0.0.0/8",        // loopback
        "169.254.0.0/16",     // link-local, cloud metadata (169.254.169.254)
        "172.16.0.0/12",      // private
        "192.0.0.0/24",       // IETF protocol assignments
        "192.0.2.0/24",       // documentation TEST-NET-1
        "192.88.99.0/24",     // deprecated 6to4 relay anycast
        "192.168.0.0/16",     // private
        "198.18.0.0/15",      // benchmarking
        "198.51.100.0/24",    // documentation TEST-NET-2
        "203.0.113.0/24",     // documentation TEST-NET-3
        "224.0.0.0/4",        // multicast
        "240.0.0.0/4");       // reserved, includes broadcast 255.255.255.255

    // Only 2000::/3 is allocated for global unicast; these are carved out of it.
    private static readonly Prefix GlobalUnicastV6 = Parse("2000::/3")[0];

    private static readonly Prefix[] NonPublicV6 = Parse(
        "2001::/32",          // Teredo: the embedded IPv4 is obfuscated and cannot be judged
        "2001:10::/28",       // deprecated ORCHID
        "2001:20::/28",       // ORCHIDv2
        "2001:db8::/32",      // documentation
        "3fff::/20");         // documentation (RFC 9637)

    private static readonly Prefix IPv4CompatibleV6 = Parse("::/96")[0];
    private static readonly Prefix Nat64V6 = Parse("64:ff9b::/96")[0];
    private static readonly Prefix SixToFourV6 = Parse("2002::/16")[0];

    /// <summary>
    /// True when <paramref name="address"/> is a public unicast address. IPv6 forms that carry
    /// an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by that IPv4 address.
    /// </summary>
    public static bool IsPubliclyRoutable(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsPublicV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => IsPublicV6(address),
            _ => false,
        };
    }

    private static bool IsPublicV4(byte[] bytes) => !NonPublicV4.Any(p => p.Contains(bytes));

    private static bool IsPublicV6(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        if (address.IsIPv4MappedToIPv6 || IPv4CompatibleV6.Contains(bytes) || Nat64V6.Contains(bytes))
        {
            // ::, ::1 and ::ffff:127.0.0.1 all land in 0/8 or 127/8 here.
            return IsPublicV4(bytes[12..16]);
        }

        if (SixToFourV6.Contains(bytes))
        {
            return IsPublicV4(bytes[2..6]);
        }

        // Outside 2000::/3 lie loopback, ULA fc00::/7, link-local fe80::/10,
        // site-local fec0::/10, multicast ff00::/8 and the unallocated rest.
        return GlobalUnicastV6.Contains(bytes) && !NonPublicV6.Any(p => p.Contains(bytes));
    }

    private static Prefix[] Parse(params string[] cidrs) => cidrs.Select(cidr =>
    {
        var slash = cidr.IndexOf('/');
        return new Prefix(IPAddress.Parse(cidr[..slash]).GetAddressBytes(), int.Parse(cidr[(slash + 1)..]));
    }).ToArray();

    private readonly record struct Prefix(byte[] Network, int Length)
    {
        public bool Contains(byte[] address)
        {
            if (address.Length != Network.Length)
            {
                return false;
            }

            var fullBytes = Length / 8;
            for (var i = 0; i < fullBytes; i++)
            {
                if (address[i] != Network[i])
                {
                    return false;
                }
            }

            var remainingBits = Length % 8;
            if (remainingBits == 0)
            {
                return true;
            }

            var mask = (byte)(0xFF << (8 - remainingBits));
            return (address[fullBytes] & mask) == (Network[fullBytes] & mask);
        }
    }
}
