using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Middleware.Core.Feeds;
using Middleware.Core.Ingest;
using Middleware.Core.Posts;
using Middleware.Core.Signals;
using Middleware.Server.Tests.ClientApi;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Web.Tests.Site;

/// <summary>The whole service on Kestrel (a real socket the browser reaches) with its own SQLite file
/// (or its own PostgreSQL database, when the run is on PostgreSQL),
/// at <c>http://localhost:port</c>; home instances are stand-ins at <c>http://127.0.0.1:port</c>, so
/// coming back from one is a cross-site navigation, as in real life.</summary>
public sealed class VoteSite : IAsyncLifetime
{
    public const string Author = "https://a.example/users/ann";
    public const string AdminToken = "web-tests-admin-token";

    private readonly List<RemoteServer> homes = [];
    private Service service = null!;

    public string BaseUrl { get; private set; } = "";
    public IServiceProvider Services => service.Services;

    public Task InitializeAsync()
    {
        var port = FreePort();
        BaseUrl = $"http://localhost:{port}";
        service = new Service(BaseUrl);
        service.UseKestrel(port);
        service.StartServer();
        return Services.GetRequiredService<IChangeWriter>().ApplyAsync([new RecordAuthorConsent(Author, true, true)], null);
    }

    /// <summary>A home instance of its own, with its own person (alice there): a person who never
    /// signed in here before.</summary>
    public async Task<MastodonStandIn> NewHomeAsync()
    {
        var server = await RemoteServer.StartAsync();
        homes.Add(server);
        return new MastodonStandIn(server);
    }

    /// <summary>A public feed of its own (chronological, newest first) over the given posts, the first
    /// the newest; other feeds' posts are left out by a filter on a hashtag.</summary>
    public async Task AddFeedAsync(string name, params (string Id, string? Html, string Text)[] posts)
    {
        var now = DateTimeOffset.UtcNow;
        var changes = posts.Select((p, i) => (Change)new UpsertPost(new Post
        {
            Uri = PostUri(p.Id), Url = $"https://a.example/@ann/{p.Id}", AuthorUri = Author, Instance = "a.example",
            ContentHtml = p.Html, ContentText = p.Text, Published = now.AddMinutes(-1 - i), Visibility = Visibility.Public,
            Hashtags = [name],
        })).ToList();
        await Services.GetRequiredService<IChangeWriter>().ApplyAsync(changes, null);
        Assert.True(await Services.GetRequiredService<IFeedStore>().AddAsync(new Feed
        {
            Name = name, DisplayName = $"Feed {name}", Description = $"About {name}", Ranker = "chronological",
            FiltersJson = $$"""{"hashtags":["{{name}}"]}""", CreatedAt = now, UpdatedAt = now,
        }));
    }

    public static string PostUri(string id) => $"https://a.example/notes/{id}";

    public static string ActorOf(MastodonStandIn home) => $"{home.Server.BaseUrl}/users/alice";

    public Task<IReadOnlyDictionary<string, SignalEvent>> VotesAsync(MastodonStandIn home, string feed) =>
        Services.GetRequiredService<IPersonSignalStore>().VotesAsync(ActorOf(home), feed);

    public async Task DisposeAsync()
    {
        foreach (var home in homes)
            await home.DisposeAsync();
        await service.DisposeAsync();
        if (service.Postgres is { } postgres)
            await postgres.DropAsync();
        try
        {
            Directory.Delete(service.DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing the run over.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Service(string publicUrl) : WebApplicationFactory<Program>
    {
        public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "middleware-web-tests", Guid.NewGuid().ToString("N"));

        /// <summary>The site's database when the run is on PostgreSQL (<c>MIDDLEWARE_TEST_DATABASE=postgres</c>).</summary>
        public TestPostgresDatabase? Postgres { get; private set; }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            Directory.CreateDirectory(DataDirectory);
            builder.UseEnvironment("Testing");
            builder.UseSetting("Middleware:PublicUrl", publicUrl);
            builder.UseSetting("Middleware:AdminToken", AdminToken);
            builder.UseSetting("Middleware:AllowPrivateNetworks", "true");
            builder.UseSetting("Middleware:DataDirectory", DataDirectory);
            builder.UseSetting("ConnectionStrings:Default", $"Data Source={Path.Combine(DataDirectory, "middleware.db")}");
            if (TestPostgresDatabase.Selected)
            {
                Postgres ??= TestPostgresDatabase.Create();
                builder.UseSetting("Middleware:Database", "postgres");
                builder.UseSetting("ConnectionStrings:Default", Postgres.ConnectionString);
            }
            builder.UseSetting("ClientApi:UpstreamScheme", "http");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }
    }
}
