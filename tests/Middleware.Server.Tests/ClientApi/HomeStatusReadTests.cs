using System.Text.Json;
using Middleware.Server.ClientApi;

namespace Middleware.Server.Tests.ClientApi;

public sealed class HomeStatusReadTests
{
    private const string Status = """{"id":"9","uri":"https://remote.example/users/bo/statuses/9","created_at":"2026-11-20T10:00:00Z","account":{"uri":"https://remote.example/users/bo"},"X":1}""";

    // Found by MastodonStatusProperties (seed aNQeNzDs4AU3): bytes that are not UTF-8 in a member name
    // threw InvalidOperationException when the status was kept as text.
    [Fact]
    public void A_status_with_bytes_that_are_not_utf8_is_not_read()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(Status);
        bytes[Array.IndexOf(bytes, (byte)'X')] = 0xFF;
        using var document = JsonDocument.Parse(bytes);

        Assert.Null(HomeStatus.Read(document.RootElement, "home.example"));
    }

    [Fact]
    public void A_status_whose_names_escape_a_lone_surrogate_is_not_read_and_does_not_throw()
    {
        using var document = JsonDocument.Parse(Status.Replace("\"X\"", "\"\\ud800\"", StringComparison.Ordinal));

        Assert.Null(HomeStatus.Read(document.RootElement, "home.example"));
    }
}
