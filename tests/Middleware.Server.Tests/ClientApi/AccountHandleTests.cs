using Middleware.Server.ClientApi;

namespace Middleware.Server.Tests.ClientApi;

public sealed class AccountHandleTests
{
    private static readonly Uri Service = new("https://feeds.example");

    [Theory]
    [InlineData("feeds.example", true)]          // the service itself
    [InlineData("feeds.example:443", true)]      // parsed to feeds.example
    [InlineData("example.org:22", false)]        // a port scan
    [InlineData("example.org:8443", false)]
    public void The_service_itself_and_explicit_ports_are_refused(string handleHost, bool allowPrivateNetworks)
    {
        var host = AccountHandle.InstanceHost($"@you@{handleHost}") ?? handleHost;
        Assert.NotNull(AccountHandle.Refusal(host, Service, allowPrivateNetworks));
    }

    [Theory]
    [InlineData("social.example", false)]
    [InlineData("127.0.0.1:5000", true)]           // a stand-in in tests
    [InlineData("feeds.example:9000", true)]        // another port of the same host, in tests
    public void Other_hosts_are_allowed(string host, bool allowPrivateNetworks) =>
        Assert.Null(AccountHandle.Refusal(host, Service, allowPrivateNetworks));
}
