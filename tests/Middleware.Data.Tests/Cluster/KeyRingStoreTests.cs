using Middleware.Data.Secrets;
using Middleware.Tests.Shared.Postgres;

namespace Middleware.Data.Tests.Cluster;

/// <summary>The Data Protection key ring as rows (ADR 0037).</summary>
public sealed class KeyRingStoreTests : TestDatabase
{
    [Fact]
    public async Task Elements_come_back_oldest_first_and_a_name_stored_again_keeps_its_first_element()
    {
        var store = new KeyRingStore(Db, Clock);
        await store.AddAsync("key-b", "<key id='b'/>");
        Clock.Now = Clock.Now.AddSeconds(1);
        await store.AddAsync("key-a", "<key id='a'/>");
        await store.AddAsync("key-b", "<key id='b-again'/>");

        Assert.Equal(["<key id='b'/>", "<key id='a'/>"], await store.AllAsync());
    }

    [PostgresFact]
    public async Task On_postgres_a_second_node_waits_for_the_first_nodes_turn_to_create_the_first_key()
    {
        var (db, database) = await TestPostgres.CreateMigratedAsync();
        try
        {
            var nodeA = new KeyRingStore(db, Clock);
            var nodeB = new KeyRingStore(db, Clock);
            var turnA = await nodeA.CreationTurnAsync();
            var waitingB = nodeB.CreationTurnAsync();

            await Task.Delay(300);
            Assert.False(waitingB.IsCompleted);
            await turnA.DisposeAsync();
            await using var turnB = await waitingB.WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            await db.DisposeAsync();
            await TestPostgres.DropAsync(database);
        }
    }
}
