using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using Middleware.Core.Import;

namespace Middleware.Data.Import;

/// <summary>Streams the store as import records inside one read transaction (a snapshot: an
/// interaction never refers to a post stored after the posts were read). Rows are read unbuffered,
/// so memory does not grow with the store.</summary>
public sealed class ExportSource(IDbConnectionFactory db) : IExportSource
{
    public async IAsyncEnumerable<ExportRecord> ReadAsync(ExportRange range, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var args = new { From = range.From is { } from ? UnixTime.ToMs(from) : long.MinValue, To = UnixTime.Until(range.To) };

        // Only accounts with a known creation time: the import needs one. Consent is null when never stated.
        const string selectAccounts = """
            SELECT f.actor_uri AS Uri, f.created_at AS Created, c.discoverable AS Discoverable, c.indexable AS Indexable
            FROM account_facts f LEFT JOIN author_consent c ON c.actor_uri = f.actor_uri
            ORDER BY f.actor_uri
            """;
        await foreach (var a in Rows<AccountRow>(connection, tx, selectAccounts, args, ct))
            yield return new ExportedAccount(new ImportedAccount(0, a.Uri, UnixTime.FromMs(a.Created),
                a.Discoverable is { } d ? d != 0 : null, a.Indexable is { } i ? i != 0 : null));

        await foreach (var post in ExportPosts.ReadAsync(connection, tx, args, ct))
            yield return new ExportedPost(post);

        // Servings export as "seen" at their first and (when later) last time, which is what an
        // import of them records again; how many times a post was served is this service's own count.
        const string selectInteractions = """
            SELECT kind AS Kind, actor_uri AS Actor, post_uri AS Post, occurred_at AS At
            FROM interactions
            WHERE occurred_at < @To AND kind IN ('favourite', 'boost', 'reply', 'disagree')
              AND post_uri IN (SELECT uri FROM posts WHERE visibility = 'public' AND published_at >= @From AND published_at < @To)
            UNION ALL
            SELECT 'seen', viewer_uri, post_uri, first_served_at
            FROM impressions
            WHERE first_served_at < @To
              AND post_uri IN (SELECT uri FROM posts WHERE visibility = 'public' AND published_at >= @From AND published_at < @To)
            UNION ALL
            SELECT 'seen', viewer_uri, post_uri, last_served_at
            FROM impressions
            WHERE last_served_at > first_served_at AND last_served_at < @To
              AND post_uri IN (SELECT uri FROM posts WHERE visibility = 'public' AND published_at >= @From AND published_at < @To)
            ORDER BY 4, 2, 3, 1
            """;
        await foreach (var i in Rows<InteractionRow>(connection, tx, selectInteractions, args, ct))
            yield return new ExportedInteraction(new ImportedInteraction(0, KindOf(i.Kind), i.Actor, i.Post, UnixTime.FromMs(i.At)));
        await tx.CommitAsync(ct);
    }

    internal static async IAsyncEnumerable<T> Rows<T>(DbConnection connection, DbTransaction tx, string sql, object args, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var row in connection.QueryUnbufferedAsync<T>(sql, args, tx).WithCancellation(ct))
            yield return row;
    }

    private static ImportedKind KindOf(string kind) => kind switch
    {
        "favourite" => ImportedKind.Favourite,
        "boost" => ImportedKind.Boost,
        "reply" => ImportedKind.Reply,
        "disagree" => ImportedKind.Disagree,
        "seen" => ImportedKind.Seen,
        _ => throw new InvalidOperationException($"Stored value '{kind}' is not an interaction kind."),
    };

    private sealed class AccountRow
    {
        public string Uri { get; init; } = "";
        public long Created { get; init; }
        public long? Discoverable { get; init; }
        public long? Indexable { get; init; }
    }

    private sealed class InteractionRow
    {
        public string Kind { get; init; } = "";
        public string Actor { get; init; } = "";
        public string Post { get; init; } = "";
        public long At { get; init; }
    }
}
