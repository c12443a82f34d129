using Dapper;
using Middleware.Core.Signals;
using Middleware.Data.Ingest;

namespace Middleware.Data.Signals;

/// <summary>The signals people give through the service, in <c>person_signals</c> (migration 0010):
/// one row per (person, post, event) for feed interactions, one per (person, post, feed) for votes.
/// A batch is written in one transaction with prepared statements, so a request of 100 interactions
/// takes the single writer once.</summary>
public sealed class PersonSignalStore(IDbConnectionFactory db) : IPersonSignalStore
{
    // A repeat hits ux_person_signals_once and changes nothing: the first time a person said it counts.
    private const string InsertOnce = """
        INSERT INTO person_signals (person_uri, post_uri, event, feed, feed_context, request_id, at)
        VALUES (@Person, @Post, @Event, @Feed, @FeedContext, @RequestId, @At)
        ON CONFLICT DO NOTHING
        """;

    // A vote replaces the person's earlier vote on the post in that feed (ux_person_signals_vote);
    // the same vote again is no change. Nothing is written for a post that is not stored.
    private const string UpsertVote = """
        INSERT INTO person_signals (person_uri, post_uri, event, feed, feed_context, request_id, at)
        SELECT @Person, uri, @Event, @Feed, @FeedContext, @RequestId, @At FROM posts WHERE uri = @Post
        ON CONFLICT (person_uri, post_uri, feed) WHERE event IN ('agree', 'disagree', 'pass')
        DO UPDATE SET event = excluded.event, feed_context = excluded.feed_context,
                      request_id = excluded.request_id, at = excluded.at
        WHERE person_signals.event <> excluded.event
        """;

    public async Task<SignalWriteResult> RecordAsync(IReadOnlyList<PersonSignal> signals, CancellationToken ct = default)
    {
        if (signals.Count == 0)
            return new SignalWriteResult(0, 0);
        await using var session = new WriterSession(await db.OpenForWriteAsync(ct));
        await using var tx = await session.Connection.BeginTransactionAsync(ct);

        // Read inside the write transaction: no post can be deleted between this and the inserts.
        const string stored = "SELECT uri FROM posts WHERE uri IN @Uris";
        var posts = (await session.Connection.QueryAsync<string>(new CommandDefinition(db.Lists(stored),
            new { Uris = signals.Select(s => s.PostUri).Distinct(StringComparer.Ordinal).ToList() }, tx, cancellationToken: ct)))
            .ToHashSet(StringComparer.Ordinal);

        int added = 0, repeated = 0;
        foreach (var signal in signals)
        {
            if (!posts.Contains(signal.PostUri))
                continue;
            var sql = SignalEventText.IsVote(signal.Event) ? UpsertVote : InsertOnce;
            if (await session.ExecuteAsync(sql, Row(signal), tx, ct) > 0)
                added++;
            else
                repeated++;
        }
        await tx.CommitAsync(ct);
        return new SignalWriteResult(added, repeated);
    }

    public async Task<bool> RecordVoteAsync(PersonSignal vote, CancellationToken ct = default)
    {
        if (!SignalEventText.IsVote(vote.Event))
            throw new ArgumentException($"{vote.Event} is not a vote (agree, disagree or pass).", nameof(vote));
        await using var connection = await db.OpenForWriteAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(UpsertVote, Row(vote), cancellationToken: ct)) > 0;
    }

    public async Task<IReadOnlyDictionary<string, SignalEvent>> VotesAsync(string person, string feed, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        const string sql = """
            SELECT post_uri, event FROM person_signals
            WHERE person_uri = @person AND feed = @feed AND event IN ('agree', 'disagree', 'pass')
            """;
        var rows = await connection.QueryAsync<(string Post, string Event)>(new CommandDefinition(sql, new { person, feed }, cancellationToken: ct));
        return rows.ToDictionary(r => r.Post, r => SignalEventText.ToEvent(r.Event), StringComparer.Ordinal);
    }

    public async Task<IReadOnlySet<string>> KnownPostsAsync(IReadOnlyCollection<string> postUris, CancellationToken ct = default)
    {
        if (postUris.Count == 0)
            return new HashSet<string>();
        await using var connection = await db.OpenAsync(ct);
        const string sql = "SELECT uri FROM posts WHERE uri IN @postUris AND visibility IN ('public', 'unlisted')";
        var known = await connection.QueryAsync<string>(new CommandDefinition(db.Lists(sql), new { postUris = postUris.ToArray() }, cancellationToken: ct));
        return known.ToHashSet(StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<PersonSignal>> ListAsync(string person, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        return await ReadAsync(connection, person, ct);
    }

    public async Task<int> DeleteAllAsync(string person, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(DeleteOfPerson, new { person }, cancellationToken: ct));
    }

    internal const string DeleteOfPerson = "DELETE FROM person_signals WHERE person_uri = @person";

    /// <summary>A person's signals, newest first (also read by <see cref="PersonDataStore"/>).</summary>
    internal static async Task<IReadOnlyList<PersonSignal>> ReadAsync(System.Data.Common.DbConnection connection, string person, CancellationToken ct)
    {
        const string sql = """
            SELECT post_uri AS Post, event AS Event, feed AS Feed, feed_context AS FeedContext, request_id AS RequestId, at AS At
            FROM person_signals WHERE person_uri = @person
            ORDER BY at DESC, post_uri, event
            """;
        var rows = await connection.QueryAsync<(string Post, string Event, string Feed, string? FeedContext, string? RequestId, long At)>(
            new CommandDefinition(sql, new { person }, cancellationToken: ct));
        return rows.Select(r => new PersonSignal(person, r.Post, SignalEventText.ToEvent(r.Event), r.Feed, UnixTime.FromMs(r.At), r.FeedContext, r.RequestId))
            .ToList();
    }

    private static object Row(PersonSignal s) => new
    {
        Person = s.Person,
        Post = s.PostUri,
        Event = SignalEventText.From(s.Event),
        s.Feed,
        s.FeedContext,
        s.RequestId,
        At = UnixTime.ToMs(s.At),
    };
}
