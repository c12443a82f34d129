using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Middleware.Server.Tests.ClientApi;

/// <summary>Tests that measure the process's allocations run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuredAllocationCollection
{
    public const string Name = "Measured allocation";
}

/// <summary>A signed-in person's script cannot take the service's memory (issue 11): the body is
/// bounded, and a built-in asked for hundreds of megabytes is refused before it allocates them.</summary>
[Collection(MeasuredAllocationCollection.Name)]
public sealed class ScriptPreferenceLimitTests : ClientApiFixture
{
    [Fact]
    public async Task The_repeat_attack_is_refused_quickly_without_growing_the_process()
    {
        using var app = ClientWithToken(await LoginAsync());
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var refused = await app.PutAsJsonAsync("/api/v1/preferences/ranking", new
        {
            ranker = "script",
            parameters = new { script = "var s = 'x'.repeat(2.5e8);\nfunction score() { return s.length; }" },
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        // Refused by the built-in before it allocates (the reason says which limit): no time bound needed.
        Assert.Contains("Invalid string length", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        var grown = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(grown < 50L * 1024 * 1024, $"allocated {grown / (1024 * 1024)} MB");
    }

    [Fact]
    public async Task A_body_over_64_KB_is_413()
    {
        using var app = ClientWithToken(await LoginAsync());
        var script = "function score() { return 1; }\n//" + new string('x', 70_000);
        var body = JsonSerializer.Serialize(new { ranker = "script", parameters = new { script } });

        var refused = await app.PutAsync("/api/v1/preferences/ranking", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
    }
}
