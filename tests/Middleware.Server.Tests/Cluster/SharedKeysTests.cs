using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Middleware.ActivityPub.Actors;
using Middleware.Core.Actors;
using Middleware.Server.ClientApi;
using Middleware.Server.Configuration;
using Middleware.Tests.Shared.Postgres;

namespace Middleware.Server.Tests.Cluster;

/// <summary>Keys two nodes on one database must share (ADR 0037): the Data Protection key ring (so an
/// upstream token or admin cookie protected on one is read on the other) and the actors' signing keys.</summary>
public sealed class SharedKeysTests
{
    [PostgresFact]
    public async Task A_secret_protected_on_one_node_is_read_on_the_other_after_both_started_at_once()
    {
        await using var nodes = await TwoNodes.StartAsync();

        var fromA = nodes.A.Services.GetRequiredService<UpstreamSecrets>().Protect("upstream-token-a");
        var fromB = nodes.B.Services.GetRequiredService<UpstreamSecrets>().Protect("upstream-token-b");

        Assert.Equal("upstream-token-a", nodes.B.Services.GetRequiredService<UpstreamSecrets>().Unprotect(fromA));
        Assert.Equal("upstream-token-b", nodes.A.Services.GetRequiredService<UpstreamSecrets>().Unprotect(fromB));
        await using var connection = await nodes.A.OpenDatabaseAsync();
        // One key: two would each be used by the node that made it before the other had loaded it.
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM data_protection_keys WHERE name LIKE 'key-%'"));
    }

    [PostgresFact]
    public async Task The_key_ring_is_not_written_to_the_data_folder_on_postgres()
    {
        await using var nodes = await TwoNodes.StartAsync();

        nodes.A.Services.GetRequiredService<UpstreamSecrets>().Protect("x");

        var folder = Path.Combine(nodes.A.DataDirectory, "keys");
        Assert.Empty(Directory.Exists(folder) ? Directory.GetFiles(folder) : []);
    }

    [PostgresFact]
    public async Task Two_nodes_starting_at_once_share_one_instance_actor_key_and_sign_with_it()
    {
        await using var nodes = await TwoNodes.StartAsync();

        var onA = await nodes.A.Services.GetRequiredService<ILocalActorStore>().FindAsync(LocalUrls.InstanceActorName);
        var onB = await nodes.B.Services.GetRequiredService<ILocalActorStore>().FindAsync(LocalUrls.InstanceActorName);
        Assert.NotNull(onA);
        Assert.Equal(onA.PublicKeyPem, onB!.PublicKeyPem);

        // What each node signs with is the stored key, not one it generated and lost the race with.
        var signedByA = await nodes.A.Services.GetRequiredService<LocalActorKeys>().GetAsync(LocalUrls.InstanceActorName, CancellationToken.None);
        var signedByB = await nodes.B.Services.GetRequiredService<LocalActorKeys>().GetAsync(LocalUrls.InstanceActorName, CancellationToken.None);
        Assert.Equal(onA.PublicKeyPem.Trim(), signedByA.ExportSubjectPublicKeyInfoPem().Trim());
        Assert.Equal(onA.PublicKeyPem.Trim(), signedByB.ExportSubjectPublicKeyInfoPem().Trim());
    }
}
