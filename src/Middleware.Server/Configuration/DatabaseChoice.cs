using Middleware.Data;

namespace Middleware.Server.Configuration;

/// <summary><c>Middleware:Database</c> and <c>ConnectionStrings:Default</c>: which database the stores run
/// on, and where it is.</summary>
public static class DatabaseChoice
{
    /// <summary>The dialect <paramref name="setting"/> names, or null when it names none we run on.</summary>
    public static SqlDialect? Parse(string? setting) => setting?.Trim().ToLowerInvariant() switch
    {
        null or "" or "sqlite" => SqlDialect.Sqlite,
        "postgres" or "postgresql" => SqlDialect.PostgreSql,
        _ => null,
    };

    /// <summary>Why the database settings cannot work, or null.</summary>
    public static string? Problem(MiddlewareOptions options, IConfiguration configuration) => Parse(options.Database) switch
    {
        null => $"Middleware:Database '{options.Database}' is not a database this service runs on: use sqlite (the default) or postgres.",
        SqlDialect.PostgreSql when string.IsNullOrWhiteSpace(configuration.GetConnectionString("Default")) =>
            "Middleware:Database is postgres but ConnectionStrings:Default is empty: set it to the server's Npgsql connection string "
            + "(e.g. Host=db;Database=middleware;Username=middleware;Password=…).",
        _ => null,
    };

    /// <summary>The connection string: as configured, else SQLite under the data folder.</summary>
    public static string ConnectionString(IConfiguration configuration, MiddlewareOptions options) =>
        configuration.GetConnectionString("Default") is { Length: > 0 } configured
            ? configured
            : $"Data Source={Path.Combine(options.DataDirectory, "middleware.db")}";
}
