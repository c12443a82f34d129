using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Middleware.Server.Demo;

/// <summary><c>dotnet run --project src/Middleware.Server -- --demo</c>: the service on a fresh data
/// folder of its own under the system's temp folder (never the admin's database), filled with a
/// generated audience and three feeds, printing the pages to open. Federation is safe: generated
/// hosts are reserved <c>.example</c> names, and in demo mode nothing is delivered to a reserved host.</summary>
public static class DemoMode
{
    public const string Argument = "--demo";

    /// <summary>Setting that marks a demo run (<c>Middleware:Demo</c>).</summary>
    public const string Setting = "Middleware:Demo";

    /// <summary>True when <paramref name="args"/> asks for a demo; the flag is taken out, because the
    /// command-line configuration would read it as a key without a value.</summary>
    public static bool Take(ref string[] args)
    {
        var demo = args.Contains(Argument, StringComparer.Ordinal);
        args = args.Where(a => a != Argument).ToArray();
        return demo;
    }

    /// <summary>Points the service at a new demo data folder, over any configured one, and says where.</summary>
    public static string Configure(WebApplicationBuilder builder)
    {
        var folder = Path.Combine(Path.GetTempPath(), "middleware-demo", $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [Setting] = "true",
            ["Middleware:DataDirectory"] = folder,
            ["ConnectionStrings:Default"] = $"Data Source={Path.Combine(folder, "middleware.db")}",
        });
        return folder;
    }

    /// <summary>Seeds the store and, once the server listens, prints where to look.</summary>
    public static async Task SeedAsync(WebApplication app, string folder)
    {
        var summary = await app.Services.GetRequiredService<DemoSeeder>().SeedAsync(app.Lifetime.ApplicationStopping);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                ?? "http://127.0.0.1:5000";
            Console.WriteLine(Banner(summary, address.TrimEnd('/'), folder));
        });
    }

    public static string Banner(DemoSummary summary, string address, string folder)
    {
        var pages = new List<(string Url, string What)> { ($"{address}/feeds", "all public feeds") };
        pages.AddRange(summary.Feeds.Select(f => ($"{address}/feeds/{f}", $"the '{f}' feed: each post with why it is there")));
        pages.Add(($"{address}/feeds/bridging/audit", "what the bridging feed amplified, against chronological order"));
        pages.Add(($"{address}/api/v1/feeds/bridging/skeleton", "the bridging feed as JSON"));
        var width = pages.Max(p => p.Url.Length) + 2;
        return $"""

            Demo ready in {summary.Took.TotalSeconds:0.0} s: {summary.Posts} generated posts, {summary.Interactions} interactions, {summary.Accounts} accounts, all on reserved .example hosts (nothing is delivered).
            Bridging model fitted: {(summary.BridgingFitted ? "yes" : "no (bridging ranks in cold start)")}.
            Open:
            {string.Join(Environment.NewLine, pages.Select(p => "  " + p.Url.PadRight(width) + p.What))}
            Demo data folder (remove it when done): {folder}

            """;
    }
}
