using System.Text.Json;

namespace Middleware.ActivityPub.Streams;

/// <summary>The outer shape of an incoming activity, checked before anything is stored.</summary>
public sealed record ActivityEnvelope(string Id, string Type, string ActorUri, JsonElement Root)
{
    /// <summary>The activity's object: an IRI, or an embedded object (never trusted as sent
    /// when it comes from another origin).</summary>
    public JsonElement? Object => Root.Property("object");

    public string? ObjectId => Root.RefId("object");

    public string? ObjectType => Object is { ValueKind: JsonValueKind.Object } o ? JsonReading.TypeOf(o) : null;

    public DateTimeOffset? Published => Root.Time("published");

    /// <summary>Parses and checks the fields every activity must have. The caller owns
    /// <paramref name="document"/> and keeps it alive while the envelope is used.</summary>
    public static EnvelopeResult Read(JsonDocument document)
    {
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            return EnvelopeResult.Fail("The body must be a JSON object.");
        var type = JsonReading.TypeOf(root);
        if (string.IsNullOrEmpty(type))
            return EnvelopeResult.Fail("The activity has no 'type'.");
        var id = root.String("id");
        if (string.IsNullOrEmpty(id))
            return EnvelopeResult.Fail("The activity has no 'id'.");
        if (!JsonReading.IsHttpUri(id))
            return EnvelopeResult.Fail("The activity 'id' must be an absolute http(s) URI.");
        var actor = root.RefId("actor");
        if (string.IsNullOrEmpty(actor))
            return EnvelopeResult.Fail("The activity has no 'actor'.");
        if (!JsonReading.IsHttpUri(actor))
            return EnvelopeResult.Fail("The activity 'actor' must be an absolute http(s) URI.");
        // Mastodon's invalid_origin?: an activity's id is its actor's to mint. Another host's id
        // (say a victim's predictable …/statuses/1#delete) would take that id from its owner.
        if (!JsonReading.SameSchemeHostPort(id, actor))
            return EnvelopeResult.Fail("The activity 'id' must be on its actor's host (same scheme, host and port).");
        if (!ActivityStreams.IsKnownActivityType(type))
            return EnvelopeResult.Fail($"'{type}' is not an activity type this service accepts.");
        return new EnvelopeResult(new ActivityEnvelope(id, type, actor, root), null);
    }
}

public sealed record EnvelopeResult(ActivityEnvelope? Envelope, string? Error)
{
    public static EnvelopeResult Fail(string error) => new(null, error);
}
