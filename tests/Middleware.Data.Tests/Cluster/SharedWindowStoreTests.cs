using Middleware.Data.Cluster;

namespace Middleware.Data.Tests.Cluster;

/// <summary>The rows nodes share ranked windows through (ADR 0037), on both dialects: the store itself
/// works on SQLite too, though the service only uses it on PostgreSQL.</summary>
public sealed class SharedWindowStoreTests : TestDatabase
{
    [Fact]
    public async Task A_window_is_found_by_its_owner_only_and_not_after_it_expired()
    {
        var store = new SharedWindowStore(Db, Clock);
        await store.PutAsync("home", "w1", "42", """{"ranked":[]}""", Clock.Now.AddMinutes(30));

        Assert.Equal("""{"ranked":[]}""", await store.FindAsync("home", "w1", "42"));
        Assert.Null(await store.FindAsync("home", "w1", "43"));
        Assert.Null(await store.FindAsync("feed-snapshot", "w1", "42"));
        Clock.Now = Clock.Now.AddMinutes(30);
        Assert.Null(await store.FindAsync("home", "w1", "42"));
    }

    [Fact]
    public async Task Putting_a_window_again_replaces_it_and_expired_windows_are_purged()
    {
        var store = new SharedWindowStore(Db, Clock);
        await store.PutAsync("home-latest", "42", "42", "w1", Clock.Now.AddMinutes(30));
        await store.PutAsync("home-latest", "42", "42", "w2", Clock.Now.AddMinutes(30));
        await store.PutAsync("home", "old", "42", "{}", Clock.Now.AddMinutes(1));
        Assert.Equal("w2", await store.FindAsync("home-latest", "42", "42"));

        Clock.Now = Clock.Now.AddMinutes(2);
        await store.PutAsync("home", "new", "42", "{}", Clock.Now.AddMinutes(30));

        await using var connection = await Db.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM ranked_windows WHERE id = 'old'";
        Assert.Equal(0L, Convert.ToInt64(await count.ExecuteScalarAsync()));
    }

    [Fact]
    public async Task Add_if_absent_keeps_the_first_value_whoever_adds_later()
    {
        var store = new SharedWindowStore(Db, Clock);

        var first = await store.AddIfAbsentAsync("cursor-key", "skeleton", "key-of-node-a", DateTimeOffset.MaxValue);
        var second = await store.AddIfAbsentAsync("cursor-key", "skeleton", "key-of-node-b", DateTimeOffset.MaxValue);

        Assert.Equal("key-of-node-a", first);
        Assert.Equal("key-of-node-a", second);
    }
}
