using System.Text.Json;
using Middleware.ActivityPub.Streams;

namespace Middleware.ActivityPub.Tests.Streams;

public sealed class ActivityEnvelopeTests
{
    [Theory]
    [InlineData("""[1,2]""", "must be a JSON object")]
    [InlineData("""{"id":"https://a.example/1","actor":"https://a.example/u"}""", "no 'type'")]
    [InlineData("""{"type":"Like","actor":"https://a.example/u"}""", "no 'id'")]
    [InlineData("""{"type":"Like","id":"ftp://a.example/1","actor":"https://a.example/u"}""", "'id' must be an absolute http(s) URI")]
    [InlineData("""{"type":"Like","id":"https://a.example/1"}""", "no 'actor'")]
    [InlineData("""{"type":"Like","id":"https://a.example/1","actor":"javascript:alert(1)"}""", "'actor' must be an absolute http(s) URI")]
    [InlineData("""{"type":"Note","id":"https://a.example/1","actor":"https://a.example/u"}""", "not an activity type")]
    // Found by ActivityDocumentProperties (seed 8X8ZXV5lT_84): a type that is not a string threw InvalidOperationException.
    [InlineData("""{"type":{"id":"Like"},"id":"https://a.example/1","actor":"https://a.example/u"}""", "no 'type'")]
    [InlineData("""{"type":[5],"id":"https://a.example/1","actor":"https://a.example/u"}""", "no 'type'")]
    [InlineData("""{"type":true,"id":"https://a.example/1","actor":"https://a.example/u"}""", "no 'type'")]
    public void Refuses_what_is_not_an_activity(string json, string reason)
    {
        using var doc = JsonDocument.Parse(json);
        var result = ActivityEnvelope.Read(doc);
        Assert.Null(result.Envelope);
        Assert.Contains(reason, result.Error);
    }

    [Fact]
    public void Reads_an_actor_given_as_an_object_and_an_embedded_object()
    {
        using var doc = JsonDocument.Parse("""
            {"type":["Create"],"id":"https://a.example/1","actor":{"id":"https://a.example/u","type":"Person"},
             "object":{"id":"https://a.example/n","type":"Note"}}
            """);
        var envelope = ActivityEnvelope.Read(doc).Envelope!;
        Assert.Equal("Create", envelope.Type);
        Assert.Equal("https://a.example/u", envelope.ActorUri);
        Assert.Equal("https://a.example/n", envelope.ObjectId);
        Assert.Equal("Note", envelope.ObjectType);
    }

    [Theory]
    [InlineData("application/activity+json", true)]
    [InlineData("application/activity+json; charset=utf-8", true)]
    [InlineData("application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"", true)]
    [InlineData("application/ld+json", false)]
    [InlineData("application/json", false)]
    [InlineData("text/html", false)]
    [InlineData(null, false)]
    [InlineData(";", false)] // found by WebFingerAnswerProperties (seed 8zrqjDXbeUM3): an IndexOutOfRangeException
    [InlineData(" ; ", false)]
    public void Only_ActivityPub_media_types_count_as_documents(string? contentType, bool expected) =>
        Assert.Equal(expected, ActivityStreams.IsActivityPubMediaType(contentType));
}
