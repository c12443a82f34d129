namespace Middleware.Server.Configuration;

/// <summary>The <c>Middleware</c> configuration section (appsettings or <c>Middleware__*</c>
/// environment variables).</summary>
public sealed class MiddlewareOptions
{
    public const string Section = "Middleware";

    /// <summary>Base of every actor id, e.g. <c>https://feeds.example.org</c>. Defaults to the
    /// first address the server listens on.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>Bearer token for <c>/api/admin</c>. When empty, one is generated at first start
    /// and kept in the data folder (its path is logged).</summary>
    public string? AdminToken { get; set; }

    /// <summary>Let outgoing requests reach loopback and private addresses over plain http.
    /// For tests and closed networks only.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Largest inbox body accepted (Mastodon: 1 MB); larger ones get 413.</summary>
    public long MaxInboxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Pending inbox entries above which new POSTs are refused with 503 + Retry-After.</summary>
    public long MaxPendingInbox { get; set; } = 200_000;

    /// <summary>Activities waiting for the group commit above which POSTs get 503.</summary>
    public int InboxWriteQueueCapacity { get; set; } = 20_000;

    /// <summary>Largest body <c>POST /api/admin/import</c> accepts; larger ones get 413.</summary>
    public long MaxImportBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Which database holds the data: <c>sqlite</c> (the default: a file in <see cref="DataDirectory"/>)
    /// or <c>postgres</c> (a server named by <c>ConnectionStrings:Default</c>; in progress, ADR 0032).</summary>
    public string Database { get; set; } = "sqlite";

    /// <summary>Folder for the SQLite file and the generated admin token.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>A name for this node among several sharing one PostgreSQL database (default: the
    /// machine name); each process adds its id and a random suffix, so names need not be unique.</summary>
    public string? NodeId { get; set; }

    /// <summary>Addresses of reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are
    /// believed (none by default: the headers are ignored).</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>As <see cref="KnownProxies"/>, whole networks in CIDR notation (e.g. <c>10.0.0.0/8</c>).</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>A demo run (<c>--demo</c>, Demo/DemoMode.cs): generated data on reserved hosts, and
    /// nothing is ever delivered to a reserved host (RFC 2606: <c>.example</c>, <c>.test</c>, …).</summary>
    public bool Demo { get; set; }

    /// <summary>Name shown in NodeInfo and the instance actor.</summary>
    public string InstanceName { get; set; } = "Middleware";

    /// <summary>How long a stopping service lets in-flight inbox entries, deliveries and the audit's
    /// queue finish before it exits anyway (HostOptions.ShutdownTimeout; docs/deployment.md).</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>What the about page and <c>/api/v1/instance</c> say about who runs this service.</summary>
    public InstanceInfo Instance { get; set; } = new();
}

/// <summary><c>Middleware:Instance</c>: the instance's title, how to reach the people who run it, and
/// its privacy policy (a link, or the text itself).</summary>
public sealed class InstanceInfo
{
    /// <summary>The instance's title; <see cref="MiddlewareOptions.InstanceName"/> when empty.</summary>
    public string? Title { get; set; }

    /// <summary>An email address or a fediverse handle (<c>@admin@example.org</c>).</summary>
    public string? Contact { get; set; }

    public string? PrivacyPolicyUrl { get; set; }

    /// <summary>The privacy policy as plain text, shown on the about page.</summary>
    public string? PrivacyPolicy { get; set; }

    /// <summary>The contact when it is an email address (not a handle), else "".</summary>
    public string ContactEmail => Contact is { Length: > 0 } c && !c.StartsWith('@') && c.Contains('@') && !c.Contains(' ') ? c : "";

    public string TitleOr(string fallback) => Title is { Length: > 0 } t ? t : fallback;
}
