using System.Data.Common;
using Middleware.Core.Import;
using Middleware.Data.Ingest;
using Middleware.Data.Ranking;

namespace Middleware.Data.Import;

/// <summary>Writes an import in one transaction with prepared statements. Records that refer to a
/// post neither stored nor imported, or to a deleted post, are problems: the transaction is rolled
/// back and the problems returned, so nothing of the import is half-applied. Records already
/// stored (same post uri, same interaction, an impression already covering the time) are counted and
/// left as they are, so an import can be repeated.</summary>
public sealed class ImportStore(IDbConnectionFactory db, TimeProvider time) : IImportStore
{
    private const int MaxProblems = 100;

    public async Task<ImportOutcome> ImportAsync(ImportBatch batch, CancellationToken ct = default)
    {
        await using var session = new WriterSession(await db.OpenForWriteAsync(ct));
        await using var tx = await session.Connection.BeginTransactionAsync(ct);
        var problems = new List<ImportProblem>();
        var now = UnixTime.ToMs(time.GetUtcNow());

        int postsAdded = 0, postsKnown = 0;
        // Posts of this import that are now stored: their interactions need no look-up.
        var stored = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, post) in batch.Posts)
        {
            if (await IsDeletedAsync(session, tx, post.Uri, post.AuthorUri, ct))
            {
                problems.Add(new ImportProblem(line, $"post '{post.Uri}' (or its author) was deleted; it cannot be stored again."));
                if (problems.Count >= MaxProblems) break;
                continue;
            }
            if (await ImportWrites.InsertPostAsync(session, tx, post, now, ct)) postsAdded++;
            else postsKnown++;
            stored.Add(post.Uri);
        }

        int interactionsAdded = 0, interactionsKnown = 0, impressions = 0;
        foreach (var record in batch.Interactions)
        {
            if (problems.Count >= MaxProblems) break;
            if (!stored.Contains(record.PostUri) && !await ImportWrites.PostExistsAsync(session, tx, record.PostUri, ct))
            {
                problems.Add(new ImportProblem(record.Line, $"post '{record.PostUri}' is neither stored nor in this import."));
                continue;
            }
            var atMs = UnixTime.ToMs(record.At);
            if (record.Kind == ImportedKind.Seen)
            {
                if (await ImportWrites.AddImpressionAsync(session, tx, record.Actor, record.PostUri, atMs, ct))
                    impressions++;
            }
            else if (await ImportWrites.AddInteractionAsync(session, tx, record, SignalIds.Imported(KindText(record.Kind), record.Actor, record.PostUri, atMs), atMs, ct))
                interactionsAdded++;
            else
                interactionsKnown++;
        }

        var accounts = 0;
        foreach (var account in batch.Accounts)
            accounts += await ImportWrites.RecordAccountAsync(session, tx, account, ct);

        if (problems.Count > 0)
        {
            await tx.RollbackAsync(ct);
            return ImportOutcome.Refused(problems);
        }
        await tx.CommitAsync(ct);
        return new ImportOutcome(postsAdded, postsKnown, interactionsAdded, interactionsKnown, impressions, []) { AccountsRecorded = accounts };
    }

    public static string KindText(ImportedKind kind) => kind switch
    {
        ImportedKind.Favourite => "favourite",
        ImportedKind.Boost => "boost",
        ImportedKind.Reply => "reply",
        ImportedKind.Disagree => "disagree",
        ImportedKind.Seen => "seen",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static async Task<bool> IsDeletedAsync(WriterSession session, DbTransaction tx, string uri, string author, CancellationToken ct)
    {
        const string sql = """
            SELECT (SELECT COUNT(*) FROM post_tombstones WHERE uri = @Uri)
                 + (SELECT COUNT(*) FROM actor_tombstones WHERE uri = @Author)
            """;
        return await ImportWrites.ScalarAsync(session, tx, sql, new { Uri = uri, Author = author }, ct) > 0;
    }
}
