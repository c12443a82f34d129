using System.Text.Json;
using CsCheck;
using Middleware.Server.ClientApi;
using Middleware.Server.Sources;
using Middleware.Testing.Properties;

namespace Middleware.Server.Tests.Properties;

/// <summary>Mastodon Status entities nobody wrote by hand: whatever a home instance or a polled
/// timeline answers, reading gives a status (or its changes) or nothing, never an exception; text that
/// is not JSON is the caller's <see cref="JsonException"/>.</summary>
public sealed class MastodonStatusProperties
{
    /// <summary>The statuses of the real-shaped timeline payload, one document each, plus a boost of the first.</summary>
    private static readonly string[] Statuses = ReadStatuses();

    [Fact]
    public void Any_status_reads_to_a_home_status_or_null()
    {
        Outcome.Holds(Inputs(), body => Outcome.ValueOr<JsonException, bool>(() =>
        {
            using var document = JsonDocument.Parse(body);
            foreach (var status in Each(document.RootElement))
                if (HomeStatus.Read(status, "home.example") is { } read)
                    Assert.NotEmpty(read.Id); // an empty id is no status (found by this property, seed aaz5Tb6UT7F1)
            return true;
        }), Show);
    }

    [Fact]
    public void A_status_with_an_empty_id_is_no_status()
    {
        using var page = JsonDocument.Parse(Statuses[0]);
        var empty = JsonDocument.Parse(Statuses[0].Replace(page.RootElement.GetProperty("id").GetRawText(), "\"\"")).RootElement;

        Assert.Null(Middleware.Server.ClientApi.HomeStatus.Read(empty, "remote.example"));
    }

    [Fact]
    public void Any_status_reads_to_changes_or_none()
    {
        Outcome.Holds(Inputs(), body => Outcome.ValueOr<JsonException, bool>(() =>
        {
            using var document = JsonDocument.Parse(body);
            foreach (var status in Each(document.RootElement))
                Assert.NotNull(MastodonStatusReader.Read(status, "remote.example"));
            return true;
        }), Show);
    }

    private static Gen<byte[]> Inputs() =>
        JsonGen.Utf8(Gen.Frequency((4, JsonMutants.Of(Statuses)), (1, JsonGen.Value), (1, JsonGen.AlmostJson)));

    /// <summary>The value itself, and each element when it is an array (as a timeline page is).</summary>
    private static IEnumerable<JsonElement> Each(JsonElement root) =>
        root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().Prepend(root) : [root];

    private static string Show(byte[] body) => System.Text.Encoding.UTF8.GetString(body);

    private static string[] ReadStatuses()
    {
        using var page = JsonDocument.Parse(Samples.Payload("timeline-public.json"));
        var statuses = page.RootElement.EnumerateArray().Select(s => s.GetRawText()).ToList();
        statuses.Add($$"""{"id":"9","uri":"https://remote.example/users/bo/statuses/9/activity","created_at":"2026-11-20T10:00:00Z","visibility":"public","account":{"uri":"https://remote.example/users/bo","url":"https://remote.example/@bo"},"reblog":{{statuses[0]}}}""");
        return [.. statuses];
    }
}
