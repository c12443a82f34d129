using System.Text.Json;
using Middleware.Core.Signals;

namespace Middleware.Server.Feeds.Interactions;

/// <summary>One interaction as sent: a post, what happened to it, and where it was served.</summary>
/// <param name="Item">The post's id (URI), as the skeleton's <c>post</c>.</param>
/// <param name="FeedContext">The skeleton item's <c>feedContext</c>, echoed back (optional).</param>
/// <param name="RequestId">The skeleton response's <c>reqId</c>, echoed back (optional).</param>
public sealed record SentInteraction(string Item, SignalEvent Event, string? FeedContext, string? RequestId);

/// <summary>Why a batch is refused; nothing of it is stored.</summary>
/// <param name="Field">The culprit, e.g. <c>interactions[3].event</c>.</param>
/// <param name="Index">The entry's place in <c>interactions</c> (0-based), when one entry is at fault.</param>
public sealed record BatchRefusal(int Status, string Field, int? Index, string Problem)
{
    public IResult ToResult()
    {
        var members = new Dictionary<string, object?> { ["error"] = $"{Field}: {Problem}", ["field"] = Field, ["index"] = Index };
        return Field == "body" && Problem.Contains("not valid JSON", StringComparison.Ordinal)
            ? Edges.Problems.Malformed($"{Field}: {Problem}", members)
            : Edges.Problems.ForStatus(Status, $"{Field}: {Problem}", members);
    }
}

/// <summary>Reads the body of <c>POST /api/v1/feeds/{name}/interactions</c>:
/// <c>{"interactions":[{"item","event","feedContext","reqId"}]}</c>. Every entry is checked before
/// anything is stored; the first bad one refuses the batch. Members it does not know (such as
/// Bluesky's <c>$type</c>) are ignored, and a person named in the body is never read: the person is
/// the token's.</summary>
public static class InteractionBatch
{
    public const int MaxEntries = 100;
    public const int MaxItemLength = 2048;
    public const int MaxEchoLength = 256;

    public static (IReadOnlyList<SentInteraction>? Batch, BatchRefusal? Refusal) Read(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return (null, new BatchRefusal(400, "body", null, "is not valid JSON."));
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return (null, new BatchRefusal(400, "body", null, """must be a JSON object: {"interactions":[…]}."""));
            if (!root.TryGetProperty("interactions", out var list) || list.ValueKind != JsonValueKind.Array)
                return (null, new BatchRefusal(400, "interactions", null, "is required: an array of {item, event, feedContext, reqId}."));
            var count = list.GetArrayLength();
            if (count > MaxEntries)
                return (null, new BatchRefusal(413, "interactions", null, $"at most {MaxEntries} per request; this one has {count}. Nothing was stored."));

            var batch = new List<SentInteraction>(count);
            var index = 0;
            foreach (var entry in list.EnumerateArray())
            {
                var (sent, refusal) = ReadEntry(entry, index);
                if (refusal is not null)
                    return (null, refusal);
                batch.Add(sent!);
                index++;
            }
            return (batch, null);
        }
    }

    private static (SentInteraction?, BatchRefusal?) ReadEntry(JsonElement entry, int index)
    {
        var at = $"interactions[{index}]";
        BatchRefusal Bad(string member, string problem) => new(400, $"{at}.{member}", index, problem);
        if (entry.ValueKind != JsonValueKind.Object)
            return (null, new BatchRefusal(400, at, index, "must be an object {item, event, feedContext, reqId}."));

        if (!entry.TryGetProperty("item", out var item) || item.ValueKind != JsonValueKind.String || item.GetString() is not { Length: > 0 } uri)
            return (null, Bad("item", "is required: the id (URI) of a post, as the skeleton's 'post'."));
        if (uri.Length > MaxItemLength)
            return (null, Bad("item", $"is longer than {MaxItemLength} characters."));

        if (!entry.TryGetProperty("event", out var name) || name.ValueKind != JsonValueKind.String)
            return (null, Bad("event", $"is required: one of {InteractionEvents.Ours} (or Bluesky's app.bsky.feed.defs#… names)."));
        if (!InteractionEvents.TryParse(name.GetString()!, out var signal))
            return (null, Bad("event", $"'{Shorten(name.GetString()!)}' is not an event; use one of {InteractionEvents.Ours} (or Bluesky's app.bsky.feed.defs#… names)."));

        var (context, badContext) = Echo(entry, "feedContext");
        if (badContext is not null)
            return (null, Bad("feedContext", badContext));
        var (requestId, badRequestId) = Echo(entry, "reqId");
        if (badRequestId is not null)
            return (null, Bad("reqId", badRequestId));
        return (new SentInteraction(uri, signal, context, requestId), null);
    }

    /// <summary>An optional string the skeleton gave out and the client sends back.</summary>
    private static (string? Value, string? Problem) Echo(JsonElement entry, string member)
    {
        if (!entry.TryGetProperty(member, out var value) || value.ValueKind == JsonValueKind.Null)
            return (null, null);
        if (value.ValueKind != JsonValueKind.String)
            return (null, "must be a string, as the skeleton gave it.");
        var text = value.GetString()!;
        return text.Length > MaxEchoLength ? (null, $"is longer than {MaxEchoLength} characters.") : (text.Length == 0 ? null : text, null);
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
