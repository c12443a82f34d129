namespace Middleware.Server.ClientApi;

/// <summary>The home instance named by what a person typed: <c>@you@host</c>, <c>you@host</c>,
/// <c>host</c> or a profile URL.</summary>
public static class AccountHandle
{
    /// <summary>The instance host (lower case, with port when one was given), or null when the
    /// text names none. The handle's domain is taken as the instance (no WebFinger delegation).</summary>
    public static string? InstanceHost(string? typed)
    {
        var text = typed?.Trim() ?? "";
        if (text.Length is 0 or > 300)
            return null;
        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "https" or "http")
            return Valid(url.Authority);
        text = text.TrimStart('@');
        var at = text.LastIndexOf('@');
        return Valid(at >= 0 ? text[(at + 1)..] : text);
    }

    /// <summary>Why the service will not log in at <paramref name="host"/> (an
    /// <see cref="InstanceHost"/> result), or null when it may. Refused: the service's own host (it
    /// would register with itself and proxy to itself) and, unless private networks are allowed
    /// (tests, closed networks), an explicit port (else the form probes any port of any host).
    /// The reason is for the log, not for the browser.</summary>
    public static string? Refusal(string host, Uri ownBase, bool allowPrivateNetworks)
    {
        var target = new Uri($"https://{host}/");
        var explicitPort = !target.IsDefaultPort;
        if (string.Equals(target.IdnHost, ownBase.IdnHost, StringComparison.OrdinalIgnoreCase) && (!explicitPort || target.Port == ownBase.Port))
            return $"{host} is the service itself";
        if (explicitPort && !allowPrivateNetworks)
            return $"{host} names a port other than 443";
        return null;
    }

    private static string? Valid(string authority)
    {
        if (!Uri.TryCreate($"https://{authority}/", UriKind.Absolute, out var parsed)
            || parsed.Authority.Length == 0 || !string.Equals(parsed.Authority, authority, StringComparison.OrdinalIgnoreCase)
            || parsed.HostNameType is not (UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6))
            return null;
        return parsed.Authority.ToLowerInvariant();
    }
}
