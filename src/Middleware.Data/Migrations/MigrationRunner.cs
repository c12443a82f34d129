using System.Reflection;
using Dapper;

namespace Middleware.Data.Migrations;

/// <summary>Applies the numbered scripts embedded under <c>Migrations/</c> in name order, each in its
/// own transaction, and records each in <c>schema_migrations</c> so a re-run skips it.
/// The host calls <see cref="ApplyAsync"/> once at start-up, before any store is used.</summary>
public sealed class MigrationRunner(IDbConnectionFactory db, TimeProvider time)
{
    private const string ResourcePrefix = "Middleware.Data.Migrations.";

    /// <summary>Applies pending scripts; returns the names of those applied by this call.</summary>
    public async Task<IReadOnlyList<string>> ApplyAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);

        const string createJournal = """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                name       TEXT   NOT NULL PRIMARY KEY,
                applied_at BIGINT NOT NULL
            )
            """;
        await connection.ExecuteAsync(new CommandDefinition(createJournal, cancellationToken: ct));

        var applied = new List<string>();
        foreach (var script in Scripts())
        {
            // Checked inside the (immediate) transaction, so two processes starting together
            // cannot both apply the same script.
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
        var exists = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'", cancellationToken: ct));
        var applied = exists == 0 ? []
            : (await connection.QueryAsync<string>(new CommandDefinition("SELECT name FROM schema_migrations", cancellationToken: ct))).ToHashSet();
        return Scripts().Select(s => s.Name).Where(name => !applied.Contains(name)).ToList();
    }

    /// <summary>The embedded scripts, e.g. <c>0001_initial.sql</c>, in the order they apply.</summary>
    public static IReadOnlyList<MigrationScript> Scripts()
    {
        var assembly = typeof(MigrationRunner).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)
                && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => new MigrationScript(n[ResourcePrefix.Length..], Read(assembly, n)))
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
