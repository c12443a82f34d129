using System.Net;
using System.Text.Json;
using Middleware.Server.Configuration;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.Operations;

/// <summary>/healthz says the process answers; /readyz says it can serve, and why not.</summary>
public sealed class HealthTests : ServiceFixture
{
    [Fact]
    public async Task Both_answer_healthy_without_a_token()
    {
        var alive = await Client.GetAsync("/healthz");
        var ready = await Client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var checks = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetString());
        Assert.Equal("Healthy", checks.GetProperty("running").GetString());
    }

    [Fact]
    public async Task A_database_missing_a_migration_is_not_ready_and_says_which()
    {
        await Client.GetAsync("/readyz");
        await using (var connection = await Service.OpenDatabaseAsync())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM schema_migrations WHERE name = (SELECT MAX(name) FROM schema_migrations)";
            await command.ExecuteNonQueryAsync();
        }

        var ready = await Client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("migrations not applied", await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/healthz")).StatusCode);
    }

    [Theory]
    [InlineData("--healthcheck", "/healthz")]
    [InlineData("--readycheck", "/readyz")]
    public void The_container_probe_asks_liveness_or_readiness_as_told(string flag, string path)
    {
        Assert.Equal(path, Health.ProbePath([flag]));
    }

    [Fact]
    public void Without_a_probe_flag_the_service_starts()
    {
        Assert.Null(Health.ProbePath(["--urls", "http://127.0.0.1:8080"]));
    }
}
