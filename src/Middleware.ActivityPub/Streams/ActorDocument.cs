using System.Text.Json;
using Middleware.Core.Actors;

namespace Middleware.ActivityPub.Streams;

/// <summary>Reads an actor document (Person, Service, Group…) into a <see cref="RemoteActor"/>.</summary>
public static class ActorDocument
{
    public static (RemoteActor? Actor, string? Error) Read(JsonElement doc, DateTimeOffset fetchedAt)
    {
        if (doc.ValueKind != JsonValueKind.Object)
            return (null, "The actor document is not a JSON object.");
        var type = JsonReading.TypeOf(doc);
        if (!ActivityStreams.IsActorType(type))
            return (null, $"'{type}' is not an actor type.");
        var id = doc.String("id");
        var inbox = doc.RefId("inbox");
        if (!JsonReading.IsHttpUri(id) || !JsonReading.IsHttpUri(inbox))
            return (null, "The actor document needs http(s) 'id' and 'inbox'.");
        var sharedInbox = doc.Property("endpoints") is { } endpoints ? endpoints.RefId("sharedInbox") : null;
        var key = doc.Items("publicKey").FirstOrDefault(k => k.ValueKind == JsonValueKind.Object);
        var keyId = key.ValueKind == JsonValueKind.Object ? key.String("id") : null;
        var keyOwner = key.ValueKind == JsonValueKind.Object ? key.RefId("owner") : null;
        // A key that names another owner is not this actor's key (Mastodon checks the same).
        var keyPem = keyOwner is null || keyOwner == id ? key.ValueKind == JsonValueKind.Object ? key.String("publicKeyPem") : null : null;
        var actor = new RemoteActor
        {
            Uri = id!,
            Inbox = inbox!,
            SharedInbox = JsonReading.IsHttpUri(sharedInbox) ? sharedInbox : null,
            Username = doc.String("preferredUsername"),
            Host = JsonReading.Origin(id)!,
            DisplayName = doc.String("name"),
            Url = doc.RefIds("url").FirstOrDefault(JsonReading.IsHttpUri),
            Type = type,
            PublicKeyId = keyPem is null ? null : keyId,
            PublicKeyPem = keyPem,
            Discoverable = doc.Bool("discoverable") ?? false,
            Indexable = doc.Bool("indexable"),
            FetchedAt = fetchedAt,
            // A creation time in the future is nonsense; it is ignored rather than believed.
            Published = doc.Time("published") is { } published && published <= fetchedAt ? published : null,
        };
        return (actor, null);
    }
}
