using System.Runtime.CompilerServices;
using Dapper;
using Middleware.Core.Ranking;

namespace Middleware.Data.Ranking;

/// <summary>Streams the signals the bridging model learns from, unbuffered, so a refit over a
/// million rows holds one row at a time here. Replies are left out: a reply may agree or disagree.</summary>
public sealed class RatingSource(IDbConnectionFactory db) : IRatingSource
{
    public async IAsyncEnumerable<RatingSignal> ReadAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);

        const string select = """
            SELECT actor_uri AS Rater, post_uri AS Post, kind AS Kind, occurred_at AS At
            FROM interactions
            WHERE occurred_at >= @Since AND kind IN ('favourite', 'boost', 'disagree')
            UNION ALL
            SELECT viewer_uri, post_uri, 'seen', last_served_at
            FROM impressions
            WHERE last_served_at >= @Since
            """;
        var rows = connection.QueryUnbufferedAsync<(string Rater, string Post, string Kind, long At)>(
            select, new { Since = UnixTime.ToMs(since) });
        await foreach (var row in rows.WithCancellation(ct))
        {
            yield return new RatingSignal(row.Rater, row.Post, KindOf(row.Kind), UnixTime.FromMs(row.At));
        }
    }

    private static RatingKind KindOf(string kind) => kind switch
    {
        "favourite" => RatingKind.Favourite,
        "boost" => RatingKind.Boost,
        "disagree" => RatingKind.Disagree,
        "seen" => RatingKind.Seen,
        _ => throw new InvalidOperationException($"Stored value '{kind}' is not a rating kind."),
    };
}
