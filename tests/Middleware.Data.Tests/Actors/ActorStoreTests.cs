using Middleware.Core.Actors;
using Middleware.Data.Actors;

namespace Middleware.Data.Tests.Actors;

public sealed class ActorStoreTests : TestDatabase
{
    private static readonly RemoteActor Bob = new()
    {
        Uri = Samples.Bob,
        Inbox = $"{Samples.Bob}/inbox",
        SharedInbox = "https://social.overheid.nl/inbox",
        Username = "bob",
        Host = "social.overheid.nl",
        DisplayName = "Bob",
        Url = "https://social.overheid.nl/@bob",
        Type = "Person",
        PublicKeyId = $"{Samples.Bob}#main-key",
        PublicKeyPem = "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----",
        Discoverable = true,
        Indexable = false,
        FetchedAt = DateTimeOffset.Parse("2025-06-01T10:00:00Z"),
    };

    private static LocalActor Feed(string displayName) => new()
    {
        Username = "tech",
        Kind = LocalActorKind.Feed,
        DisplayName = displayName,
        Summary = "Ranked tech posts",
        PublicKeyPem = "public",
        PrivateKeyPem = "private",
        Discoverable = false,
        CreatedAt = DateTimeOffset.Parse("2025-06-01T09:00:00Z"),
    };

    [Fact]
    public async Task Remote_actor_round_trips()
    {
        var store = new RemoteActorStore(Db);

        await store.UpsertAsync(Bob);

        Assert.Equal(Bob, await store.FindAsync(Bob.Uri));
        Assert.False(await store.IsTombstonedAsync(Bob.Uri));
    }

    [Fact]
    public async Task Remote_actor_upsert_replaces_the_cached_copy()
    {
        var store = new RemoteActorStore(Db);
        await store.UpsertAsync(Bob);

        var rotated = Bob with { PublicKeyPem = "new key", Indexable = null, SharedInbox = null };
        await store.UpsertAsync(rotated);

        Assert.Equal(rotated, await store.FindAsync(Bob.Uri));
    }

    [Fact]
    public async Task Local_actor_is_added_once_and_the_first_one_wins()
    {
        var store = new LocalActorStore(Db);

        var first = await store.AddIfMissingAsync(Feed("Tech"));
        var second = await store.AddIfMissingAsync(Feed("Other name"));

        Assert.Equal(Feed("Tech"), first);
        Assert.Equal(first, second);
        Assert.Equal(first, await store.FindAsync("tech"));
        Assert.Null(await store.FindAsync("nobody"));
        Assert.Equal([first], await store.ListAsync());
    }
}
