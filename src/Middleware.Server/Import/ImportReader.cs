using System.Globalization;
using System.Text.Json;
using Middleware.ActivityPub.Streams;
using Middleware.Core.Import;
using Middleware.Core.Posts;

namespace Middleware.Server.Import;

/// <summary>Reads newline-delimited JSON import records. Every line is checked before anything is
/// stored; each bad line is reported with its number (up to <see cref="MaxProblems"/>).</summary>
public static class ImportReader
{
    public const int MaxProblems = 100;
    private const int MaxLineChars = 1 << 20;
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16 };

    public static async Task<(ImportBatch Batch, IReadOnlyList<ImportProblem> Problems)> ReadAsync(TextReader reader, CancellationToken ct)
    {
        var posts = new List<ImportedPost>();
        var interactions = new List<ImportedInteraction>();
        var accounts = new List<ImportedAccount>();
        var problems = new List<ImportProblem>();
        var lineNumber = 0;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            try
            {
                if (line.Length > MaxLineChars)
                    throw new ImportLineException($"longer than {MaxLineChars} characters.");
                using var json = JsonDocument.Parse(line, Options);
                var record = json.RootElement;
                if (record.ValueKind != JsonValueKind.Object)
                    throw new ImportLineException("not a JSON object.");
                switch (Text(record, "type"))
                {
                    case "post": posts.Add(new ImportedPost(lineNumber, ReadPost(record))); break;
                    case "interaction": interactions.Add(ReadInteraction(record, lineNumber)); break;
                    case "account":
                        accounts.Add(new ImportedAccount(lineNumber, Uri(record, "uri"), Past(record, "published"),
                            OptionalBool(record, "discoverable"), OptionalBool(record, "indexable")));
                        break;
                    case var other: throw new ImportLineException($"'type' must be \"post\", \"interaction\" or \"account\", not \"{other}\".");
                }
            }
            // JsonElement throws InvalidOperationException for a string or name that escapes a lone surrogate.
            catch (Exception e) when (e is ImportLineException or JsonException or InvalidOperationException)
            {
                var message = e switch
                {
                    JsonException => $"not valid JSON ({e.Message.Split(" LineNumber")[0]})",
                    InvalidOperationException => "a string or name is not valid Unicode text (an escaped lone surrogate).",
                    _ => e.Message,
                };
                problems.Add(new ImportProblem(lineNumber, message));
                if (problems.Count >= MaxProblems)
                    break;
            }
        }
        return (new ImportBatch(posts, interactions) { Accounts = accounts }, problems);
    }

    private static Post ReadPost(JsonElement record)
    {
        var uri = Uri(record, "uri");
        var author = Uri(record, "author");
        return new Post
        {
            Uri = uri,
            AuthorUri = author,
            Instance = InstanceOf(author),
            ContentText = Text(record, "text"),
            Language = OptionalText(record, "language"),
            Published = Time(record, "published"),
            Url = record.TryGetProperty("url", out _) ? SameSiteUrl(Uri(record, "url"), uri, author) : null,
            InReplyToUri = record.TryGetProperty("inReplyTo", out _) ? Uri(record, "inReplyTo") : null,
            ContentWarning = OptionalText(record, "contentWarning"),
            Sensitive = record.TryGetProperty("sensitive", out var sensitive) && sensitive.ValueKind == JsonValueKind.True,
            MediaCount = record.TryGetProperty("mediaCount", out var media) ? Count(media, "mediaCount") : 0,
            Hashtags = Hashtags(record),
            Visibility = Visibility.Public,
        };
    }

    /// <summary>A url on another host than the post or its author is dropped: it would show another
    /// site under the author's name (as federation and polling do, ADR 0024).</summary>
    private static string? SameSiteUrl(string url, string uri, string author) =>
        JsonReading.IsHttpUri(url)
        && (JsonReading.SameOrigin(url, uri) || JsonReading.SameOrigin(url, author))
            ? url
            : null;

    private static ImportedInteraction ReadInteraction(JsonElement record, int line)
    {
        var kind = Text(record, "kind") switch
        {
            "favourite" => ImportedKind.Favourite,
            "boost" => ImportedKind.Boost,
            "reply" => ImportedKind.Reply,
            "disagree" => ImportedKind.Disagree,
            "seen" => ImportedKind.Seen,
            var other => throw new ImportLineException($"'kind' must be one of favourite, boost, reply, disagree, seen, not \"{other}\"."),
        };
        return new ImportedInteraction(line, kind, Uri(record, "actor"), Uri(record, "post"), Time(record, "at"));
    }

    private static string Text(JsonElement record, string name) =>
        record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new ImportLineException($"'{name}' is required and must be a string.");

    private static string? OptionalText(JsonElement record, string name) =>
        !record.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new ImportLineException($"'{name}' must be a string.");

    private static bool? OptionalBool(JsonElement record, string name) =>
        !record.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean()
        : throw new ImportLineException($"'{name}' must be true or false.");

    /// <summary>An absolute URI: http(s) for network records, or e.g. <c>urn:</c> for recorded data
    /// that never had a web address.</summary>
    private static string Uri(JsonElement record, string name)
    {
        var text = Text(record, name);
        if (text.Length > 2048 || !System.Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.IsFile || text.Any(char.IsWhiteSpace))
            throw new ImportLineException($"'{name}' must be an absolute URI (http(s) or urn:), not \"{Shorten(text)}\".");
        return text;
    }

    private static DateTimeOffset Time(JsonElement record, string name)
    {
        var text = Text(record, name);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToUniversalTime()
            : throw new ImportLineException($"'{name}' must be an ISO 8601 time such as 2026-11-26T09:30:00Z, not \"{Shorten(text)}\".");
    }

    /// <summary>A time not after now: an account cannot have been created in the future.</summary>
    private static DateTimeOffset Past(JsonElement record, string name)
    {
        var time = Time(record, name);
        return time <= DateTimeOffset.UtcNow.AddMinutes(5)
            ? time
            : throw new ImportLineException($"'{name}' must not be in the future, not \"{time:O}\".");
    }

    private static int Count(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= 0
            ? n
            : throw new ImportLineException($"'{name}' must be a whole number of at least 0.");

    private static IReadOnlyList<string> Hashtags(JsonElement record)
    {
        if (!record.TryGetProperty("hashtags", out var tags) || tags.ValueKind == JsonValueKind.Null)
            return [];
        if (tags.ValueKind != JsonValueKind.Array || tags.EnumerateArray().Any(t => t.ValueKind != JsonValueKind.String))
            throw new ImportLineException("'hashtags' must be an array of strings.");
        return tags.EnumerateArray().Select(t => t.GetString()!.TrimStart('#').ToLowerInvariant())
            .Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
    }

    private static string InstanceOf(string actor)
    {
        var uri = new Uri(actor);
        return string.IsNullOrEmpty(uri.Host) ? uri.Scheme : uri.Host;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";

    private sealed class ImportLineException(string message) : Exception(message);
}
