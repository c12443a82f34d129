using System.Net;
using System.Text.RegularExpressions;

namespace Middleware.Server.Web.Feeds;

/// <summary>The remote-follow form: from a handle such as <c>@you@your.instance</c> to that
/// instance's <c>https://your.instance/authorize_interaction?uri=…</c> (Mastodon's page for following
/// an account from elsewhere). Only that URL is ever made, for a host that is a DNS name: never an
/// address the visitor typed, an IP address, a port or a scheme, so the form redirects nowhere else.</summary>
public static partial class RemoteFollow
{
    /// <summary>The URL to send the visitor to, or the reason (for them) why their text is refused.</summary>
    public static (Uri? Target, string? Problem) Target(string? typed, string actorUri)
    {
        var text = typed?.Trim() ?? "";
        if (text.Length == 0)
            return (null, "Type your handle, such as @you@your.instance.");
        if (text.Contains("://", StringComparison.Ordinal) || text.Contains('/'))
            return (null, "Type your handle, such as @you@your.instance, not a web address.");
        if (text.Length > 300 || Handle().Match(text) is not { Success: true } match)
            return (null, $"“{Shorten(text)}” is not a handle: type it as @you@your.instance.");
        var host = match.Groups["host"].Value.ToLowerInvariant();
        if (IPAddress.TryParse(host, out _) || host.Split('.')[^1].All(char.IsAsciiDigit))
            return (null, "Your instance must be named by its domain (such as mastodon.social), not an IP address.");
        var target = new Uri($"https://{host}/authorize_interaction?uri={Uri.EscapeDataString(actorUri)}");
        return target.Host == host && target.IsDefaultPort && target.HostNameType == UriHostNameType.Dns
            ? (target, null)
            : (null, $"“{Shorten(text)}” is not a handle: type it as @you@your.instance.");
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";

    /// <summary>user@host with an optional leading @: a Mastodon user name, and a DNS name of at least two
    /// labels (letters, digits and inner hyphens; no port, no brackets).</summary>
    [GeneratedRegex(@"^@?(?<user>[A-Za-z0-9_][A-Za-z0-9_.\-]{0,63})@(?<host>(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?)\z")]
    private static partial Regex Handle();
}
