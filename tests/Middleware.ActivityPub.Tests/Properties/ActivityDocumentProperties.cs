using System.Text.Json;
using CsCheck;
using Middleware.ActivityPub.Streams;
using Middleware.Testing.Properties;

namespace Middleware.ActivityPub.Tests.Properties;

/// <summary>ActivityStreams documents nobody wrote by hand: whatever JSON arrives in an inbox or answers
/// a fetch, the readers give an activity, post or actor, or their error text; the only exception is
/// the <see cref="JsonException"/> of text that is not JSON (or nests deeper than allowed), which the
/// callers catch.</summary>
public sealed class ActivityDocumentProperties
{
    private static readonly DateTimeOffset FetchedAt = new(2026, 11, 26, 9, 30, 0, TimeSpan.Zero);

    // Bytes, as an inbox receives them: a peer can send what is not UTF-8, but never a .NET string.
    private static readonly Gen<byte[]> Documents = JsonGen.Utf8(Gen.Frequency(
        (3, JsonMutants.Of(Samples.PayloadNames().Where(n => !n.StartsWith("timeline", StringComparison.Ordinal)).Select(Samples.Payload).ToArray())),
        (1, JsonGen.Object),
        (1, JsonGen.AlmostJson)));

    [Fact]
    public void Any_json_reads_to_an_activity_or_its_error()
    {
        Outcome.Holds(Documents, body => Outcome.ValueOr<JsonException, bool>(() =>
        {
            using var document = JsonDocument.Parse(body, ActivityStreams.DocumentOptions);
            var result = ActivityEnvelope.Read(document);
            Assert.True(result.Envelope is null ^ result.Error is null);
            if (result.Envelope is { } envelope)
            {
                _ = (envelope.ObjectId, envelope.ObjectType, envelope.Published);
                if (envelope.Object is { } embedded)
                    ReadObject(embedded);
            }
            ReadObject(document.RootElement);
            return true;
        }), Show);
    }

    [Fact]
    public void Any_json_reads_to_a_post_or_an_actor_or_their_error()
    {
        var objects = JsonGen.Utf8(Gen.Frequency(
            (3, JsonMutants.Of(Samples.Payload("note.json"), Samples.Payload("actor.json"))),
            (1, JsonGen.Value)));
        Outcome.Holds(objects, body => Outcome.ValueOr<JsonException, bool>(() =>
        {
            using var document = JsonDocument.Parse(body, ActivityStreams.DocumentOptions);
            ReadObject(document.RootElement);
            return true;
        }), Show);
    }

    private static string Show(byte[] body) => System.Text.Encoding.UTF8.GetString(body);

    private static void ReadObject(JsonElement element)
    {
        var (post, postError) = PostDocument.Read(element);
        Assert.True(post is null ^ postError is null);
        var (actor, actorError) = ActorDocument.Read(element, FetchedAt);
        Assert.True(actor is null ^ actorError is null);
    }
}
