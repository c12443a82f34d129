using System.Data.Common;
using System.Reflection;
using Dapper;

namespace Middleware.Data.Migrations;

/// <summary>Applies the numbered scripts embedded under <c>Migrations/</c> (SQLite) or
/// <c>Migrations/PostgreSql/</c> (the same numbers, translated) in name order, each in its
/// own transaction, and records each in <c>schema_migrations</c> so a re-run skips it.
/// The host calls <see cref="ApplyAsync"/> once at start-up, before any store is used.</summary>
public sealed class MigrationRunner(IDbConnectionFactory db, TimeProvider time)
{
    private const string ResourcePrefix = "Middleware.Data.Migrations.";
    private const string PostgresFolder = "PostgreSql.";

    // Any fixed number: the key of the advisory lock that lets one node at a time migrate.
    private const long MigrationLockKey = 0x4D69_6772_6174_65;

    /// <summary>Applies pending scripts; returns the names of those applied by this call.</summary>
    public async Task<IReadOnlyList<string>> ApplyAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);

        // PostgreSQL transactions do not exclude each other as SQLite's immediate ones do, and even
        // CREATE TABLE IF NOT EXISTS collides when two nodes run it together: one node at a time
        // migrates, under an advisory lock held for the whole run (released with the session too).
        if (db.Dialect == SqlDialect.PostgreSql)
        {
            const string takeLock = """
                SELECT pg_advisory_lock(@MigrationLockKey)
                """;
            await connection.ExecuteAsync(new CommandDefinition(takeLock, new { MigrationLockKey }, cancellationToken: ct));
            try
            {
                return await ApplyPendingAsync(connection, ct);
            }
            finally
            {
                const string releaseLock = """
                    SELECT pg_advisory_unlock(@MigrationLockKey)
                    """;
                await connection.ExecuteAsync(new CommandDefinition(releaseLock, new { MigrationLockKey }, cancellationToken: CancellationToken.None));
            }
        }

        return await ApplyPendingAsync(connection, ct);
    }

    private async Task<IReadOnlyList<string>> ApplyPendingAsync(DbConnection connection, CancellationToken ct)
    {

        const string createJournal = """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                name       TEXT   NOT NULL PRIMARY KEY,
                applied_at BIGINT NOT NULL
            )
            """;
        await connection.ExecuteAsync(new CommandDefinition(createJournal, cancellationToken: ct));

        var applied = new List<string>();
        foreach (var script in Scripts(db.Dialect))
        {
            // Checked inside the (immediate) transaction, so two processes starting together
            // cannot both apply the same script (on PostgreSQL, the advisory lock does that).
            await using var tx = await connection.BeginTransactionAsync(ct);

            const string isApplied = """
                SELECT COUNT(*) FROM schema_migrations WHERE name = @Name
                """;
            var done = await connection.ExecuteScalarAsync<long>(
                new CommandDefinition(isApplied, new { script.Name }, tx, cancellationToken: ct));
            if (done > 0)
            {
                continue;
            }

            await connection.ExecuteAsync(new CommandDefinition(script.Sql, transaction: tx, cancellationToken: ct));

            const string record = """
                INSERT INTO schema_migrations (name, applied_at) VALUES (@Name, @AppliedAt)
                """;
            await connection.ExecuteAsync(new CommandDefinition(
                record, new { script.Name, AppliedAt = UnixTime.ToMs(time.GetUtcNow()) }, tx, cancellationToken: ct));

            await tx.CommitAsync(ct);
            applied.Add(script.Name);
        }

        return applied;
    }

    /// <summary>The embedded scripts not applied to the database yet (all of them before the first run).</summary>
    public async Task<IReadOnlyList<string>> PendingAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);

        // The catalogues differ: SQLite lists tables in sqlite_master, PostgreSQL in information_schema.
        const string sqliteJournalExists = """
            SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'
            """;
        const string postgresJournalExists = """
            SELECT COUNT(*) FROM information_schema.tables
            WHERE table_schema = current_schema() AND table_name = 'schema_migrations'
            """;
        var journalExists = db.Dialect == SqlDialect.PostgreSql ? postgresJournalExists : sqliteJournalExists;
        var exists = await connection.ExecuteScalarAsync<long>(new CommandDefinition(journalExists, cancellationToken: ct));

        const string appliedNames = """
            SELECT name FROM schema_migrations
            """;
        var applied = exists == 0 ? []
            : (await connection.QueryAsync<string>(new CommandDefinition(appliedNames, cancellationToken: ct))).ToHashSet();
        return Scripts(db.Dialect).Select(s => s.Name).Where(name => !applied.Contains(name)).ToList();
    }

    /// <summary>The embedded SQLite scripts, e.g. <c>0001_initial.sql</c>, in the order they apply.</summary>
    public static IReadOnlyList<MigrationScript> Scripts() => Scripts(SqlDialect.Sqlite);

    /// <summary>The embedded scripts for <paramref name="dialect"/>, named alike in both
    /// (<c>0001_initial.sql</c>), in the order they apply.</summary>
    public static IReadOnlyList<MigrationScript> Scripts(SqlDialect dialect)
    {
        var assembly = typeof(MigrationRunner).Assembly;
        var prefix = dialect == SqlDialect.PostgreSql ? ResourcePrefix + PostgresFolder : ResourcePrefix;

        // Only the folder's own scripts: the SQLite prefix is also the start of the PostgreSQL names.
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal)
                && n.EndsWith(".sql", StringComparison.Ordinal)
                && !n[prefix.Length..^".sql".Length].Contains('.', StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => new MigrationScript(n[prefix.Length..], Read(assembly, n)))
            .ToList();
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Missing embedded migration {resource}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

public sealed record MigrationScript(string Name, string Sql);
