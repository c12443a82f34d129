using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Middleware.Core.Accounts;
using Middleware.Data.Cluster;

namespace Middleware.Server.ClientApi;

/// <summary>Home-timeline windows written to the database when ranked, so that an app whose next page
/// lands on another node gets the continuation of the same window (ADR 0037). Only on PostgreSQL; a
/// node reads here only when its memory misses. A window comes back as the home instance's statuses in
/// ranked order; its audit frame stays with the node that ranked it.</summary>
public sealed class SharedHomeWindows(SharedWindowStore store, TimeProvider clock, ILogger<SharedHomeWindows> logger)
{
    private const string WindowKind = "home";
    private const string LatestKind = "home-latest";

    /// <summary>As long as a window is kept in memory after its last use.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    /// <summary>Stores the window and marks it the person's latest. A failure is logged: this node
    /// still pages through it, another would rank anew.</summary>
    public async Task PublishAsync(ClientAccount account, RankedWindow window, CancellationToken ct)
    {
        if (!store.Shared)
            return;
        var owner = Owner(account);
        var expires = clock.GetUtcNow() + Lifetime;
        try
        {
            await store.PutAsync(WindowKind, window.Id, owner, Write(window), expires, ct);
            await store.PutAsync(LatestKind, owner, owner, window.Id, expires, ct);
        }
        catch (DbException e)
        {
            logger.LogWarning(e, "The home window {Window} could not be shared; a next page on another node ranks anew", window.Id);
        }
    }

    /// <summary>The person's window ranked on any node, or null.</summary>
    public async Task<RankedWindow?> FindAsync(ClientAccount account, string windowId, CancellationToken ct)
    {
        if (!store.Shared || await store.FindAsync(WindowKind, windowId, Owner(account), ct) is not { } payload)
            return null;
        using var json = JsonDocument.Parse(payload);
        var root = json.RootElement;
        var ranked = root.GetProperty("ranked").EnumerateArray()
            .Select(s => HomeStatus.Read(s, account.InstanceHost)).OfType<HomeStatus>().ToList();
        return new RankedWindow(windowId, ranked, Text(root, "newestId"), Text(root, "olderFromId"), root.GetProperty("ranker").GetString()!);
    }

    /// <summary>The id of the window the person had ranked last, on any node, or null.</summary>
    public async Task<string?> LatestIdAsync(ClientAccount account, CancellationToken ct)
    {
        if (!store.Shared)
            return null;
        var owner = Owner(account);
        return await store.FindAsync(LatestKind, owner, owner, ct);
    }

    private static string Owner(ClientAccount account) => account.Id.ToString(CultureInfo.InvariantCulture);

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The statuses as the home instance sent them (raw JSON, not re-encoded), and the window's paging facts.</summary>
    private static string Write(RankedWindow window)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("ranker", window.Ranker);
            writer.WriteString("newestId", window.NewestId);
            writer.WriteString("olderFromId", window.OlderFromId);
            writer.WriteStartArray("ranked");
            foreach (var status in window.Ranked)
                writer.WriteRawValue(status.Json);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
