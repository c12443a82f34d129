using System.Text.Json;

namespace Middleware.ActivityPub.Federation;

public enum FetchStatus
{
    Ok,
    /// <summary>404 or 410: the document is gone (or never existed).</summary>
    Gone,
    /// <summary>Refused for good: not ActivityPub, id mismatch, too large, forbidden address…</summary>
    Refused,
    /// <summary>Worth trying again later: timeout, connection failure, 5xx, 429.</summary>
    Transient,
}

/// <summary>The outcome of fetching one ActivityPub document. Owns the parsed document.</summary>
public sealed class FetchResult : IDisposable
{
    private FetchResult(FetchStatus status, JsonDocument? document, string? error)
    {
        Status = status;
        Document = document;
        Error = error;
    }

    public FetchStatus Status { get; }
    public JsonDocument? Document { get; }
    public string? Error { get; }
    public JsonElement Root => Document?.RootElement ?? default;

    public static FetchResult Ok(JsonDocument document) => new(FetchStatus.Ok, document, null);
    public static FetchResult Fail(FetchStatus status, string error) => new(status, null, error);

    public void Dispose() => Document?.Dispose();
}

/// <summary>Fetches ActivityPub documents from their origin, signed by the instance actor, with
/// Mastodon's origin checks (the document's id must be the URL asked for; AP media types only).</summary>
public interface IDocumentFetcher
{
    Task<FetchResult> FetchAsync(string url, CancellationToken ct = default);
}
