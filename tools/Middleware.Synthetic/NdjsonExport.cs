using System.Text.Json;
using Middleware.Core.Ranking;

namespace Middleware.Synthetic;

/// <summary>Writes synthetic data in the import format, one JSON object per line: first when each
/// account was created (<c>{"type":"account","uri","published"}</c>), then every post
/// (<c>{"type":"post",…}</c>), then every interaction in time order
/// (<c>{"type":"interaction","kind":"favourite|boost|reply|disagree|seen",…}</c>). Times are ISO 8601.</summary>
public static class NdjsonExport
{
    public static void Write(SyntheticData data, TextWriter output)
    {
        foreach (var (uri, created) in data.AccountsCreated.OrderBy(a => a.Key, StringComparer.Ordinal))
            output.WriteLine(JsonSerializer.Serialize(new { type = "account", uri, published = created }));
        foreach (var p in data.Posts.OrderBy(p => p.Published))
            output.WriteLine(JsonSerializer.Serialize(new { type = "post", uri = p.Uri, author = p.Author, text = p.Text, language = p.Language, published = p.Published }));

        var interactions = data.Ratings.Select(r => (Kind: KindName(r.Kind), Actor: r.Rater, r.Post, r.At))
            .Concat(data.Replies.Select(r => (Kind: "reply", r.Actor, r.Post, r.At)))
            .OrderBy(i => i.At)
            .ThenBy(i => i.Actor, StringComparer.Ordinal)
            .ThenBy(i => i.Post, StringComparer.Ordinal)
            .ThenBy(i => i.Kind, StringComparer.Ordinal);
        foreach (var i in interactions)
            output.WriteLine(JsonSerializer.Serialize(new { type = "interaction", kind = i.Kind, actor = i.Actor, post = i.Post, at = i.At }));
    }

    /// <summary>Writes <c>uri,label</c> lines: the ground truth for offline evaluation.</summary>
    public static void WriteTruth(SyntheticData data, TextWriter output)
    {
        output.WriteLine("uri,label");
        foreach (var p in data.Posts)
            output.WriteLine($"{p.Uri},{p.Label}");
    }

    private static string KindName(RatingKind kind) => kind switch
    {
        RatingKind.Favourite => "favourite",
        RatingKind.Boost => "boost",
        RatingKind.Disagree => "disagree",
        RatingKind.Seen => "seen",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
