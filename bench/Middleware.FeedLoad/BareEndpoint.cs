using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Middleware.FeedLoad;

/// <summary>The yardstick: the smallest minimal-API app that answers with the same JSON page,
/// serialized per request as any JSON endpoint would, and nothing else (no store, no routing groups).</summary>
public sealed class BareEndpoint(WebApplication app, string url) : IAsyncDisposable
{
    public string Url { get; } = url;

    public static async Task<BareEndpoint> StartAsync(JsonElement page)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/page", () => TypedResults.Ok(page));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BareEndpoint(app, $"{address}/page");
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
