using Dapper;
using Middleware.Data.Accounts;

namespace Middleware.Data.Tests.Accounts;

public sealed class AccountFollowStoreTests : TestDatabase
{
    private const string Alice = "https://home.example/users/alice";
    private const string Bob = "https://b.example/users/bob";
    private const string Carol = "https://c.example/users/carol";
    private const string Dave = "https://d.example/users/dave";

    private AccountFollowStore Store => new(Db);

    private async Task<List<(string Follower, string Followed)>> RowsAsync()
    {
        await using var connection = await Db.OpenAsync();
        return (await connection.QueryAsync<(string, string)>(
            "SELECT follower_uri, followed_uri FROM account_follows ORDER BY follower_uri, followed_uri")).ToList();
    }

    [Fact]
    public async Task Replace_stores_the_list_and_a_later_replace_drops_unfollows_without_touching_others()
    {
        await Store.ReplaceAsync(Dave, [Bob], Clock.Now);
        await Store.ReplaceAsync(Alice, [Bob, Carol, Bob], Clock.Now);
        Assert.Equal([(Dave, Bob), (Alice, Bob), (Alice, Carol)], await RowsAsync());

        await Store.ReplaceAsync(Alice, [Carol, Dave], Clock.Now.AddHours(1));

        Assert.Equal([(Dave, Bob), (Alice, Carol), (Alice, Dave)], await RowsAsync());
        Assert.Equal(Clock.Now.AddHours(1), await Store.SyncedAtAsync(Alice));
        Assert.Equal(Clock.Now, await Store.SyncedAtAsync(Dave));
    }

    [Fact]
    public async Task An_empty_list_is_a_sync_too()
    {
        await Store.ReplaceAsync(Alice, [Bob], Clock.Now);

        await Store.ReplaceAsync(Alice, [], Clock.Now.AddMinutes(5));

        Assert.Empty(await RowsAsync());
        Assert.Equal(Clock.Now.AddMinutes(5), await Store.SyncedAtAsync(Alice));
    }

    [Fact]
    public async Task Delete_forgets_the_list_and_when_it_was_read()
    {
        await Store.ReplaceAsync(Alice, [Bob, Carol], Clock.Now);
        await Store.ReplaceAsync(Dave, [Bob], Clock.Now);

        await Store.DeleteAsync(Alice);

        Assert.Equal([(Dave, Bob)], await RowsAsync());
        Assert.Null(await Store.SyncedAtAsync(Alice));
        Assert.NotNull(await Store.SyncedAtAsync(Dave));
    }

    [Fact]
    public async Task Never_synced_is_null()
    {
        Assert.Null(await Store.SyncedAtAsync(Alice));
    }
}
