using System.Runtime.CompilerServices;
using Dapper;
using Middleware.Core.Ranking;

namespace Middleware.Data.Ranking;

/// <summary>Streams the signals the bridging model learns from, unbuffered, so a refit over a
/// million rows holds one row at a time here. Replies are left out: a reply may agree or disagree.
/// What people give through the service (<c>person_signals</c>) is read as the model's three kinds:
/// "show more", like, boost and agree are endorsements (<see cref="RatingKind.Favourite"/>); "show
/// less" and disagree are <see cref="RatingKind.Disagree"/>; seen, clickthrough and pass are
/// <see cref="RatingKind.Seen"/>. Each (rater, post, kind) comes once, even when a person said the same
/// thing twice (a like and a "show more") or the network already told us (their favourite).</summary>
public sealed class RatingSource(IDbConnectionFactory db) : IRatingSource
{
    internal const string Select = """
        SELECT actor_uri AS Rater, post_uri AS Post, kind AS Kind, occurred_at AS At
        FROM interactions
        WHERE occurred_at >= @Since AND kind IN ('favourite', 'boost', 'disagree')
        UNION ALL
        SELECT viewer_uri, post_uri, 'seen', last_served_at
        FROM impressions
        WHERE last_served_at >= @Since
        UNION ALL
        SELECT g.person_uri, g.post_uri, g.kind, MIN(g.at)
        FROM (
            SELECT s.person_uri, s.post_uri, s.at,
                   CASE WHEN s.event IN ('request_more', 'like', 'boost', 'agree') THEN 'favourite'
                        WHEN s.event IN ('request_less', 'disagree') THEN 'disagree'
                        ELSE 'seen' END AS kind
            FROM person_signals s
            WHERE s.at >= @Since AND s.event <> 'reply'
        ) g
        WHERE NOT EXISTS (SELECT 1 FROM interactions i
                          WHERE i.kind = g.kind AND i.kind <> 'reply' AND i.actor_uri = g.person_uri
                            AND i.post_uri = g.post_uri AND i.occurred_at >= @Since)
          AND NOT EXISTS (SELECT 1 FROM impressions m
                          WHERE g.kind = 'seen' AND m.viewer_uri = g.person_uri AND m.post_uri = g.post_uri
                            AND m.last_served_at >= @Since)
        GROUP BY g.person_uri, g.post_uri, g.kind
        """;

    public async IAsyncEnumerable<RatingSignal> ReadAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);

        var rows = connection.QueryUnbufferedAsync<(string Rater, string Post, string Kind, long At)>(
            Select, new { Since = UnixTime.ToMs(since) });
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
