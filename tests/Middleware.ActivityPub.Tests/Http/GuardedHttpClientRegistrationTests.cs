using Microsoft.Extensions.DependencyInjection;
using Middleware.ActivityPub.Http;

namespace Middleware.ActivityPub.Tests.Http;

public sealed class GuardedHttpClientRegistrationTests
{
    [Fact]
    public async Task Registered_client_uses_configured_options_and_guard()
    {
        var services = new ServiceCollection();
        services.Configure<OutboundHttpOptions>(o => o.UserAgent = "Middleware/0.1 (+https://feeds.example/)");
        services.AddGuardedHttpClient();
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(GuardedHttpClient.DefaultName);

        Assert.Equal("Middleware/0.1 (+https://feeds.example/)", client.DefaultRequestHeaders.UserAgent.ToString());
        await Assert.ThrowsAsync<OutboundRequestRefusedException>(() => client.GetAsync("https://127.0.0.1/"));
    }
}
