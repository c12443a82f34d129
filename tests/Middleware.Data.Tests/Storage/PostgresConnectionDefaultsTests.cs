using Npgsql;

namespace Middleware.Data.Tests.Storage;

/// <summary>The service's defaults for an admin's PostgreSQL connection string (ADR 0040): added where the
/// string is silent, never over what the admin wrote.</summary>
public sealed class PostgresConnectionDefaultsTests
{
    [Fact]
    public void A_string_without_the_setting_gets_automatic_preparation()
    {
        var result = new NpgsqlConnectionStringBuilder(
            PostgresConnectionFactory.WithDefaults("Host=db.internal;Username=middleware;Password=s3cret;Database=middleware"));

        Assert.Equal(PostgresConnectionFactory.DefaultMaxAutoPrepare, result.MaxAutoPrepare);
        Assert.Equal(("db.internal", "middleware", "s3cret"), (result.Host, result.Database, result.Password));
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;max auto prepare=5", 5)]
    [InlineData("Host=db;MaxAutoPrepare=50", 50)]
    public void A_value_the_admin_wrote_is_kept_even_zero(string connectionString, int expected)
    {
        var result = new NpgsqlConnectionStringBuilder(PostgresConnectionFactory.WithDefaults(connectionString));

        Assert.Equal(expected, result.MaxAutoPrepare);
    }

    [Fact]
    public void A_malformed_string_is_refused_with_the_drivers_message()
    {
        var refused = Assert.ThrowsAny<ArgumentException>(() => PostgresConnectionFactory.WithDefaults("Host=db;Nonsense Setting=1"));

        Assert.Contains("nonsense setting", refused.Message, StringComparison.OrdinalIgnoreCase);
    }
}
