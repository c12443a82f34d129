using System.Text.Json;
using Middleware.ActivityPub.Streams;
using Middleware.Core.Inbox;

namespace Middleware.ActivityPub.Processing;

/// <summary>Turns one stored inbox entry into changes. Decides only; the worker applies.</summary>
public sealed class ActivityProcessor
{
    private readonly Dictionary<string, IActivityHandler> _handlers = new(StringComparer.Ordinal);

    public ActivityProcessor(IEnumerable<IActivityHandler> handlers)
    {
        foreach (var handler in handlers)
            foreach (var type in handler.Types)
                _handlers.Add(type, handler);
    }

    public async Task<ProcessingResult> ProcessAsync(InboxEntry entry, CancellationToken ct)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(entry.Body, ActivityStreams.DocumentOptions);
        }
        catch (JsonException e)
        {
            return ProcessingResult.Reject($"Stored body is not valid JSON: {e.Message}");
        }
        using (document)
        {
            var read = ActivityEnvelope.Read(document);
            if (read.Envelope is null)
                return ProcessingResult.Reject(read.Error!);
            if (!_handlers.TryGetValue(read.Envelope.Type, out var handler))
                return ProcessingResult.Ignore($"{read.Envelope.Type} activities are stored but not processed.");
            return await handler.HandleAsync(new ActivityContext(entry, read.Envelope), ct);
        }
    }
}
