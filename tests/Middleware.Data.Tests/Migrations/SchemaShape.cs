using System.Data.Common;
using Dapper;

namespace Middleware.Data.Tests.Migrations;

/// <summary>A schema reduced to what both databases must agree on: tables, columns with a type family,
/// nullability and primary keys, and indexes by their columns (names differ: SQLite names constraint
/// indexes sqlite_autoindex_*, PostgreSQL after the columns).</summary>
internal static class SchemaShape
{
    /// <summary>One line per table, column and index, sorted, e.g.
    /// <c>posts.uri text not null pk</c> and <c>index posts (author_uri, published_at) </c>.</summary>
    public static async Task<IReadOnlyList<string>> OfSqliteAsync(DbConnection connection)
    {
        const string tables = """
            SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
            """;
        var lines = new List<string>();
        foreach (var table in await connection.QueryAsync<string>(tables))
        {
            // pragma_table_info as a table-valued function takes the table name as a parameter.
            const string columns = """
                SELECT name AS Name, type AS Type, "notnull" AS IsNotNull, pk AS Pk FROM pragma_table_info(@Table)
                """;
            foreach (var c in await connection.QueryAsync<(string Name, string Type, long IsNotNull, long Pk)>(columns, new { Table = table }))
            {
                // An INTEGER PRIMARY KEY is the rowid: never null, whatever the declaration says.
                lines.Add(Column(table, c.Name, c.Type, c.IsNotNull != 0 || c.Pk != 0, c.Pk != 0));
            }

            const string indexes = """
                SELECT name AS Name, "unique" AS IsUnique, origin AS Origin, partial AS Partial FROM pragma_index_list(@Table)
                """;
            foreach (var i in await connection.QueryAsync<(string Name, long IsUnique, string Origin, long Partial)>(indexes, new { Table = table }))
            {
                if (i.Origin == "pk")
                    continue;
                const string indexColumns = """
                    SELECT name FROM pragma_index_info(@Index) ORDER BY seqno
                    """;
                var names = await connection.QueryAsync<string>(indexColumns, new { Index = i.Name });
                lines.Add(Index(table, names, i.IsUnique != 0, i.Partial != 0));
            }
        }

        return Sorted(lines);
    }

    public static async Task<IReadOnlyList<string>> OfPostgresAsync(DbConnection connection)
    {
        const string columns = """
            SELECT c.table_name AS TableName, c.column_name AS Name, c.data_type AS Type, c.is_nullable AS Nullable,
                   EXISTS (SELECT 1 FROM information_schema.table_constraints t
                           JOIN information_schema.key_column_usage k
                             ON k.constraint_name = t.constraint_name AND k.table_schema = t.table_schema
                           WHERE t.constraint_type = 'PRIMARY KEY' AND t.table_schema = c.table_schema
                             AND t.table_name = c.table_name AND k.column_name = c.column_name) AS Pk
            FROM information_schema.columns c
            WHERE c.table_schema = current_schema()
            """;
        var lines = new List<string>();
        foreach (var c in await connection.QueryAsync<(string TableName, string Name, string Type, string Nullable, bool Pk)>(columns))
        {
            lines.Add(Column(c.TableName, c.Name, c.Type, c.Nullable == "NO", c.Pk));
        }

        const string indexes = """
            SELECT t.relname AS TableName, i.indexrelid::bigint AS Id, i.indisunique AS IsUnique,
                   i.indpred IS NOT NULL AS Partial
            FROM pg_index i
            JOIN pg_class t ON t.oid = i.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = current_schema() AND NOT i.indisprimary
            """;
        foreach (var i in await connection.QueryAsync<(string TableName, long Id, bool IsUnique, bool Partial)>(indexes))
        {
            const string indexColumns = """
                SELECT a.attname
                FROM pg_index i
                CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position)
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                WHERE i.indexrelid = @Id::oid
                ORDER BY k.position
                """;
            var names = await connection.QueryAsync<string>(indexColumns, new { i.Id });
            lines.Add(Index(i.TableName, names, i.IsUnique, i.Partial));
        }

        return Sorted(lines);
    }

    private static string Column(string table, string name, string type, bool notNull, bool pk) =>
        $"{table}.{name} {Family(type)}{(notNull ? " not null" : "")}{(pk ? " pk" : "")}";

    private static string Index(string table, IEnumerable<string> columns, bool unique, bool partial) =>
        $"{(unique ? "unique " : "")}index {table} ({string.Join(", ", columns)}){(partial ? " where …" : "")}";

    /// <summary>The type families the stores rely on: 64-bit integers (SQLite's INTEGER is 64-bit, so
    /// PostgreSQL's must be BIGINT, not INTEGER), text, floating point and bytes.</summary>
    private static string Family(string type) => type.ToUpperInvariant() switch
    {
        "INTEGER" or "BIGINT" => "int64",
        "TEXT" => "text",
        "REAL" or "DOUBLE PRECISION" => "float64",
        "BLOB" or "BYTEA" => "bytes",
        var other => "unexpected:" + other,
    };

    private static List<string> Sorted(List<string> lines)
    {
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
