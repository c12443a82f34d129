using System.Text.Json;
using Middleware.ActivityPub.Streams;

namespace Middleware.ActivityPub.Tests.Streams;

public sealed class ActorDocumentTests
{
    private static JsonElement Actor(string keyOwner) => JsonDocument.Parse($$$"""
        {"id":"https://remote.example/users/alice","type":"Person","preferredUsername":"alice",
         "inbox":"https://remote.example/users/alice/inbox","endpoints":{"sharedInbox":"https://remote.example/inbox"},
         "discoverable":true,"indexable":false,
         "publicKey":{"id":"https://remote.example/users/alice#main-key","owner":"{{{keyOwner}}}","publicKeyPem":"PEM"}}
        """).RootElement;

    [Fact]
    public void Reads_what_delivery_and_consent_need()
    {
        var (actor, error) = ActorDocument.Read(Actor("https://remote.example/users/alice"), DateTimeOffset.UnixEpoch);
        Assert.Null(error);
        Assert.Equal("https://remote.example/inbox", actor!.SharedInbox);
        Assert.Equal("https://remote.example/users/alice#main-key", actor.PublicKeyId);
        Assert.True(actor.Discoverable);
        Assert.False(actor.Indexable);
        Assert.Equal("remote.example", actor.Host);
    }

    [Fact]
    public void A_key_owned_by_someone_else_is_not_the_actors_key()
    {
        var (actor, _) = ActorDocument.Read(Actor("https://evil.example/users/mallory"), DateTimeOffset.UnixEpoch);
        Assert.Null(actor!.PublicKeyPem);
        Assert.Null(actor.PublicKeyId);
    }

    [Fact]
    public void A_note_is_not_an_actor()
    {
        var (actor, error) = ActorDocument.Read(JsonDocument.Parse("""{"id":"https://a.example/1","type":"Note","inbox":"https://a.example/i"}""").RootElement, DateTimeOffset.UnixEpoch);
        Assert.Null(actor);
        Assert.Contains("not an actor type", error);
    }

    [Theory]
    [InlineData("2026-11-30T00:00:00Z", "2026-11-30T00:00:00Z")]
    [InlineData("2027-01-01T00:00:00Z", null)]
    [InlineData("last week", null)]
    public void The_accounts_creation_time_is_read_unless_it_is_in_the_future(string published, string? expected)
    {
        var json = Actor("https://remote.example/users/alice").GetRawText().Replace("\"discoverable\"", $"\"published\":\"{published}\",\"discoverable\"");

        var (actor, _) = ActorDocument.Read(JsonDocument.Parse(json).RootElement, DateTimeOffset.Parse("2026-12-06T00:00:00Z"));

        Assert.Equal(expected is null ? null : DateTimeOffset.Parse(expected), actor!.Published);
    }
}
