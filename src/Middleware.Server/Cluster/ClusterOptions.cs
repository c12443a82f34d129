namespace Middleware.Server.Cluster;

/// <summary>How nodes sharing one database divide the inbox and delivery work (<c>Middleware:Cluster</c>;
/// ADR 0035).</summary>
public sealed class ClusterOptions
{
    public const string Section = "Middleware:Cluster";

    /// <summary>How long a claim on an inbox entry or a delivery holds without renewal. When a node
    /// dies, its work waits this long before another node takes it over.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a node renews the claims it still holds; well below <see cref="ClaimLease"/>,
    /// so that a slow renewal or two do not lose them.</summary>
    public TimeSpan RenewEvery { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Why the settings cannot work, or null when they can.</summary>
    public string? Problem() =>
        ClaimLease <= TimeSpan.Zero ? "Middleware:Cluster:ClaimLease must be positive."
        : RenewEvery <= TimeSpan.Zero || RenewEvery * 2 > ClaimLease
            ? "Middleware:Cluster:RenewEvery must be positive and at most half of ClaimLease."
        : null;
}
