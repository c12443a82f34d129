using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Middleware.Data;

/// <summary>The one rewrite portable SQL needs (ADR 0032). Stores write <c>uri IN @Uris</c>; Dapper
/// expands the list into <c>IN (@Uris1, @Uris2, …)</c> for SQLite, but hands Npgsql the whole list as one
/// array parameter, which PostgreSQL accepts only as <c>uri = ANY(@Uris)</c>.</summary>
internal static partial class ListParameters
{
    private static readonly ConcurrentDictionary<string, string> ForPostgres = new(StringComparer.Ordinal);

    /// <summary><paramref name="sql"/> as <paramref name="db"/>'s dialect needs its list parameters.</summary>
    public static string Lists(this IDbConnectionFactory db, string sql) =>
        db.Dialect == SqlDialect.PostgreSql ? ForPostgres.GetOrAdd(sql, Rewrite) : sql;

    internal static string Rewrite(string sql) => ListIn().Replace(sql, match =>
        match.Groups["not"].Success ? $"<> ALL(@{match.Groups["name"].Value})" : $"= ANY(@{match.Groups["name"].Value})");

    [GeneratedRegex(@"(?<not>\bNOT\s+)?\bIN\s+@(?<name>\w+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ListIn();
}
