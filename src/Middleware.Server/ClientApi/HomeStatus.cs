using System.Text.Json;
using Middleware.ActivityPub.Streams;
using Middleware.Ranking;

namespace Middleware.Server.ClientApi;

/// <summary>One status of a home timeline: its id at the home instance, its JSON exactly as the
/// instance sent it, and the candidate a ranker sees. For a boost the candidate is the boosted
/// status (that is what is being shown) while the JSON stays the boost wrapper.</summary>
public sealed record HomeStatus(string Id, string Json, Candidate Candidate)
{
    /// <summary>The status shown is public: only such statuses may leave a trace (an impression) here.</summary>
    public bool IsPublic { get; init; }

    /// <summary>Reads a Mastodon Status entity; null when it lacks an id (or has an empty one), uri, author or date.</summary>
    public static HomeStatus? Read(JsonElement status, string fallbackHost)
    {
        if (status.ValueKind != JsonValueKind.Object || status.String("id") is not { Length: > 0 } id)
            return null;
        var isBoost = status.Property("reblog") is { ValueKind: JsonValueKind.Object };
        var shown = isBoost ? status.GetProperty("reblog") : status;
        var uri = shown.String("uri");
        var author = shown.Property("account") is { } account
            ? new[] { account.String("uri"), account.String("url") }.FirstOrDefault(JsonReading.IsHttpUri)
            : null;
        if (uri is null || author is null || shown.Time("created_at") is not { } published)
            return null;
        var text = HtmlText.ToPlainText(shown.String("content"));
        var spoiler = shown.String("spoiler_text");
        var candidate = new Candidate
        {
            PostUri = uri,
            Author = author,
            Instance = Uri.TryCreate(author, UriKind.Absolute, out var authorUri) ? authorUri.Host : fallbackHost,
            Published = published,
            Boosts = Count(shown, "reblogs_count"),
            Favourites = Count(shown, "favourites_count"),
            Replies = Count(shown, "replies_count"),
            // The instance reports counts, not who; their sum is an upper bound on distinct engagers.
            DistinctEngagers = Count(shown, "reblogs_count") + Count(shown, "favourites_count") + Count(shown, "replies_count"),
            Language = shown.String("language"),
            MediaCount = shown.Items("media_attachments").Count(),
            ContentWarning = string.IsNullOrWhiteSpace(spoiler) ? null : spoiler,
            IsReply = shown.String("in_reply_to_id") is not null,
            Length = text.Length,
            Text = text,
            Hashtags = shown.Items("tags").Select(t => t.String("name")?.ToLowerInvariant()).OfType<string>().Distinct().ToList(),
            // A home timeline holds the followed accounts' own posts; a boosted author may be a stranger.
            ViewerFollowsAuthor = !isBoost,
        };
        string json;
        try
        {
            json = status.GetRawText();
        }
        catch (InvalidOperationException)
        {
            return null; // bytes that are not UTF-8: the status cannot be passed on as text
        }
        return new HomeStatus(id, json, candidate) { IsPublic = shown.String("visibility") == "public" };
    }

    /// <summary>The statuses as a JSON array, each exactly as the home instance sent it.</summary>
    public static IResult ListResult(IEnumerable<HomeStatus> statuses) =>
        Results.Text("[" + string.Join(',', statuses.Select(s => s.Json)) + "]", "application/json; charset=utf-8", System.Text.Encoding.UTF8);

    private static int Count(JsonElement status, string name) =>
        status.Property(name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt32(out var n) ? Math.Max(n, 0) : 0;
}
