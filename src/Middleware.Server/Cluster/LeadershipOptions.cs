namespace Middleware.Server.Cluster;

/// <summary>The <c>Middleware:Cluster:Leadership</c> section: how nodes on one PostgreSQL database elect
/// the one that does singleton work. With the defaults a dead leader is replaced within about 5 s when
/// its process dies (PostgreSQL ends its session at once), and within about 20 s when its machine or
/// network is lost (the session timeout, then a follower's next try): under the 30 s asked for.</summary>
public sealed class LeadershipOptions
{
    public const string Section = "Middleware:Cluster:Leadership";

    /// <summary>How often the leader checks that its session, and with it the lock, is still there.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How often a follower tries to take the lock.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one check or attempt may take before the leader counts its session as lost.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>PostgreSQL ends the leader's session (and frees the lock) when the leader has sent
    /// nothing for this long: a leader that hangs or is cut off loses the lock even though its process
    /// lives. Must be well above <see cref="CheckInterval"/>.</summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The advisory lock's key. Only deployments sharing one database with another
    /// application that uses advisory locks need to change it.</summary>
    public long LockKey { get; set; } = 0x4d69_6464_6c65; // "Middle"

    /// <summary>Settings that cannot work, or null.</summary>
    public string? Problem()
    {
        if (CheckInterval <= TimeSpan.Zero || RetryInterval <= TimeSpan.Zero || CommandTimeout <= TimeSpan.Zero)
            return "Middleware:Cluster:Leadership: CheckInterval, RetryInterval and CommandTimeout must be positive.";
        if (SessionTimeout < CheckInterval + CommandTimeout)
            return "Middleware:Cluster:Leadership:SessionTimeout must be at least CheckInterval + CommandTimeout, or PostgreSQL ends a healthy leader's session.";
        return null;
    }
}
