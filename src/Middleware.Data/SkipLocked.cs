namespace Middleware.Data;

/// <summary>The one dialect difference of claiming work (ADR 0035). Claim statements carry
/// <c>/* FOR UPDATE SKIP LOCKED */</c> after the LIMIT of the rows they pick: on PostgreSQL the
/// clause is switched on, so concurrent claims from several nodes skip each other's rows instead of
/// waiting or taking them twice; SQLite has no such clause and needs none (one writer at a time).</summary>
internal static class SkipLocked
{
    private const string Marker = "/* FOR UPDATE SKIP LOCKED */";

    public static string Claiming(this IDbConnectionFactory db, string sql) =>
        db.Dialect == SqlDialect.PostgreSql ? sql.Replace(Marker, "FOR UPDATE SKIP LOCKED", StringComparison.Ordinal) : sql;
}
