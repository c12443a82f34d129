using System.Runtime.CompilerServices;
using Dapper;
using Middleware.Core.Ranking;

namespace Middleware.Data.Ranking;

/// <summary>Streams the signals the bridging model learns from, unbuffered, so a refit over a
/// million rows holds one row at a time here. Replies are left out: a reply may agree or disagree.
/// What people give through the service (<c>person_signals</c>) is read as the model's three kinds:
/// "show more", like, boost and agree are endorsements (<see cref="RatingKind.Favourite"/>); "show
/// less" and disagree are <see cref="RatingKind.Disagree"/>; seen, clickthrough and pass are
/// <see cref="RatingKind.Seen"/>. One person saying the same thing twice (a like and a "show more",
/// or a like the network also told us of) comes twice: the model collapses each (rater, post) into one
/// rating anyway, and finding repeats here would cost an index lookup per row (six times the read).</summary>
/// <remarks>With <paramref name="asOf"/> (replay) it reads only what was recorded before that moment;
/// an impression served before and again after it is read at its first serving.</remarks>
public sealed class RatingSource(IDbConnectionFactory db, DateTimeOffset? asOf = null) : IRatingSource
{
    internal const string Select = """
        SELECT actor_uri AS Rater, post_uri AS Post, kind AS Kind, occurred_at AS At
        FROM interactions
        WHERE occurred_at >= @Since AND occurred_at < @Until AND kind IN ('favourite', 'boost', 'disagree')
        UNION ALL
        SELECT viewer_uri, post_uri, 'seen',
               CASE WHEN last_served_at < @Until THEN last_served_at ELSE first_served_at END
        FROM impressions
        WHERE last_served_at >= @Since AND first_served_at < @Until
        UNION ALL
        SELECT person_uri, post_uri,
               CASE WHEN event IN ('request_more', 'like', 'boost', 'agree') THEN 'favourite'
                    WHEN event IN ('request_less', 'disagree') THEN 'disagree'
                    ELSE 'seen' END,
               at
        FROM person_signals
        WHERE at >= @Since AND at < @Until AND event <> 'reply'
        """;

    public async IAsyncEnumerable<RatingSignal> ReadAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);

        var rows = connection.QueryUnbufferedAsync<(string Rater, string Post, string Kind, long At)>(
            Select, new { Since = UnixTime.ToMs(since), Until = UnixTime.Until(asOf) });
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
