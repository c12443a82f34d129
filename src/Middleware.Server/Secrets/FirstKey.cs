using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Middleware.Data.Secrets;

namespace Middleware.Server.Secrets;

/// <summary>Makes sure the key ring has a usable key before the node serves, deciding under a lock
/// shared by all nodes on the database: otherwise two nodes starting together on an empty ring each
/// create a default key, and each protects with a key the other has not loaded yet (the framework
/// only looks for unknown keys again in its first minutes, then about daily).</summary>
public sealed class FirstKey(IKeyManager keys, KeyRingStore store, ILogger<FirstKey> logger) : IHostedService
{
    /// <summary>As the framework's default key lifetime.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(90);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var turn = await store.CreationTurnAsync(cancellationToken);
        // The wall clock, as the framework judges keys by it (a test's fake clock would make keys it ignores).
        var now = DateTimeOffset.UtcNow;
        if (keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now))
            return;
        var key = keys.CreateNewKey(now, now + Lifetime);
        logger.LogInformation("Created the Data Protection key {Key}, valid until {Expires}", key.KeyId, key.ExpirationDate);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
