using Microsoft.Data.Sqlite;
using Npgsql;

namespace Middleware.Ranking.Benchmarks;

/// <summary>Copies what an import wrote into SQLite over to a migrated PostgreSQL with binary COPY, row
/// for row. The import's one-statement-per-record path takes minutes per million rows on PostgreSQL
/// on a loaded machine (a round trip each), and the comparison is of the refit, not of loading.</summary>
internal static class StoreCopy
{
    private static readonly string[] Tables = ["posts", "interactions", "impressions", "account_facts"];

    public static async Task CopyAsync(string sqliteFile, string postgres)
    {
        await using var from = new SqliteConnection($"Data Source={sqliteFile};Mode=ReadOnly");
        await from.OpenAsync();
        await using var to = new NpgsqlConnection(postgres);
        await to.OpenAsync();
        foreach (var table in Tables)
        {
            await using var read = from.CreateCommand();
            read.CommandText = $"SELECT * FROM {table}";
            await using var rows = await read.ExecuteReaderAsync();
            var columns = Enumerable.Range(0, rows.FieldCount).Select(rows.GetName).ToArray();
            await using (var copy = await to.BeginBinaryImportAsync($"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)"))
            {
                while (await rows.ReadAsync())
                {
                    await copy.StartRowAsync();
                    for (var i = 0; i < columns.Length; i++)
                    {
                        // SQLite hands back long, double, string or null; the PostgreSQL columns are
                        // BIGINT, DOUBLE PRECISION and TEXT (ADR 0032), so the value's own type fits.
                        var value = rows.GetValue(i);
                        if (value is DBNull) await copy.WriteNullAsync();
                        else await copy.WriteAsync(value);
                    }
                }
                await copy.CompleteAsync();
            }
        }
        // Identity columns were given explicit ids: move their sequences past them, and let the
        // planner see the new rows before the first refit reads them.
        await using var fix = new NpgsqlCommand(
            "SELECT setval(pg_get_serial_sequence('interactions', 'id'), (SELECT MAX(id) FROM interactions)); ANALYZE", to);
        await fix.ExecuteNonQueryAsync();
    }
}
