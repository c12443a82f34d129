namespace Middleware.Data.Tests;

public sealed class ListParametersTests
{
    [Theory]
    [InlineData("SELECT uri FROM posts WHERE uri IN @Uris", "SELECT uri FROM posts WHERE uri = ANY(@Uris)")]
    [InlineData("DELETE FROM d WHERE id in @ids AND state IN ('a', 'b')", "DELETE FROM d WHERE id = ANY(@ids) AND state IN ('a', 'b')")]
    [InlineData("SELECT 1 WHERE x NOT IN @Xs", "SELECT 1 WHERE x <> ALL(@Xs)")]
    [InlineData("SELECT uri FROM posts WHERE uri IN (SELECT u FROM t WHERE v = @V)", "SELECT uri FROM posts WHERE uri IN (SELECT u FROM t WHERE v = @V)")]
    [InlineData("SELECT @Within FROM t", "SELECT @Within FROM t")]
    public void Only_list_parameters_are_rewritten_for_PostgreSQL(string portable, string postgres) =>
        Assert.Equal(postgres, ListParameters.Rewrite(portable));

    [Fact]
    public void SQLite_gets_the_SQL_as_written()
    {
        var sqlite = new SqliteConnectionFactory("Data Source=:memory:");

        Assert.Equal("SELECT 1 WHERE x IN @Xs", sqlite.Lists("SELECT 1 WHERE x IN @Xs"));
    }
}
