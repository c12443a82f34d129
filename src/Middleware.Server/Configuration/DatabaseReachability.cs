using Middleware.Data;

namespace Middleware.Server.Configuration;

/// <summary>Whether the database answers before anything starts: an unreachable PostgreSQL server (or a
/// connection string it refuses) is one log line an admin can act on, not a stack trace from the first
/// background service that touches a store.</summary>
internal static class DatabaseReachability
{
    /// <summary>Null when a connection opens; otherwise the reason, naming where the database is
    /// but never the password.</summary>
    public static async Task<string?> ProblemAsync(IServiceProvider services, CancellationToken ct)
    {
        IDbConnectionFactory? db = null;
        try
        {
            db = services.GetRequiredService<IDbConnectionFactory>();
            await using var connection = await db.OpenAsync(ct);
            return null;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or ArgumentException or InvalidOperationException
                                      or TimeoutException or System.Net.Sockets.SocketException or OperationCanceledException)
        {
            var where = db is PostgresConnectionFactory postgres ? $"PostgreSQL at {postgres.Target}" : "The SQLite database";
            return $"{where} cannot be reached: {Reason(e)} Check ConnectionStrings:Default and that the server is running.";
        }
    }

    // Npgsql wraps socket errors; the innermost message says what went wrong (refused, no such host…).
    private static string Reason(Exception e)
    {
        var inner = e;
        while (inner.InnerException is not null)
            inner = inner.InnerException;
        var text = inner == e ? e.Message : $"{e.Message} ({inner.Message})";
        return text.EndsWith('.') ? text : text + ".";
    }
}
