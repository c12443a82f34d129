using Dapper;
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

            // B's request has reached the server and waits there for A's advisory lock (not merely
            // not sent yet, which a fixed sleep could not tell apart on a slow machine).
            await using (var probe = await db.OpenAsync())
            {
                // This test's database only: other tests share the server and take advisory locks too.
                const string waiting = """
                    SELECT COUNT(*) FROM pg_locks
                    WHERE locktype = 'advisory' AND NOT granted
                      AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                    """;
                var deadline = DateTime.UtcNow.AddSeconds(10);
                while (await probe.ExecuteScalarAsync<long>(waiting) == 0 && DateTime.UtcNow < deadline)
                {
                    // Each probe is a round trip to the server: that paces the loop.
                }
                Assert.Equal(1L, await probe.ExecuteScalarAsync<long>(waiting));
            }
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
