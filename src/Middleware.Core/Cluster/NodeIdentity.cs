namespace Middleware.Core.Cluster;

/// <summary>Who this process is among the nodes sharing one database: written into work it claims and
/// leadership it holds, so another node can tell its own claims from a dead node's. Unique per process
/// (a restarted node is a new node: what it claimed before dying is free once its lease runs out).</summary>
public sealed record NodeIdentity(string Id)
{
    /// <summary>The configured name (<c>Middleware:NodeId</c>) when set, made unique per process;
    /// otherwise the machine name.</summary>
    public static NodeIdentity ForThisProcess(string? configured)
    {
        var name = string.IsNullOrWhiteSpace(configured) ? Environment.MachineName : configured.Trim();
        if (name.Length > 60)
            name = name[..60];
        return new NodeIdentity($"{name}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..12]}");
    }
}
