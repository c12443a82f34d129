namespace Middleware.Server.Demo;

/// <summary>Host names that can never be a real server: the top-level domains reserved for
/// documentation and testing (RFC 2606, RFC 6761).</summary>
public static class ReservedHosts
{
    private static readonly string[] Domains = ["example", "test", "invalid", "localhost"];

    public static bool IsReserved(string host)
    {
        var name = host.TrimEnd('.').ToLowerInvariant();
        return Domains.Any(d => name == d || name.EndsWith("." + d, StringComparison.Ordinal));
    }
}
