using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Middleware.Core.Feeds;
using Middleware.Core.Ingest;
using Middleware.Server.Tests.Infrastructure;
using Middleware.Server.Tests.Ranking;

namespace Middleware.Server.Tests.Feeds;

/// <summary>A service with posts by one consenting author, and feeds made straight through
/// <see cref="IFeedStore"/>. Readers use the anonymous client: public feeds need no login.</summary>
public abstract class OpenFeedFixture : IAsyncLifetime
{
    public const string Author = "https://a.example/users/ann";

    protected MiddlewareFactory Service { get; private set; } = null!;
    protected HttpClient Client { get; private set; } = null!;
    protected HttpClient Admin { get; private set; } = null!;

    /// <summary>Settings for this class's service, e.g. a smaller snapshot bound.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public virtual async Task InitializeAsync()
    {
        Service = new MiddlewareFactory();
        foreach (var (key, value) in Settings)
            Service.Settings[key] = value;
        Client = Service.CreateClient();
        Admin = Service.CreateAdminClient();
        await Service.Services.GetRequiredService<IChangeWriter>()
            .ApplyAsync([new RecordAuthorConsent(Author, Discoverable: true, Indexable: true)], null);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        Admin.Dispose();
        await Service.DisposeAsync();
    }

    public static string Uri(string id) => $"https://a.example/notes/{id}";

    public static string PostLine(string id, double minutesAgo, string? text = null, string author = Author) => JsonSerializer.Serialize(new
    {
        type = "post", uri = Uri(id), url = $"https://a.example/@ann/{id}", author,
        text = text ?? $"post {id}", published = DateTimeOffset.UtcNow.AddMinutes(-minutesAgo).ToString("O"),
    });

    /// <summary>Imports posts p{first}…p{first+count-1}, the highest number the newest.</summary>
    protected async Task ImportPostsAsync(int first, int count)
    {
        var lines = Enumerable.Range(first, count).Select(i => PostLine($"p{i}", 1000 - i)).ToArray();
        Assert.Equal(HttpStatusCode.OK, (await ImportTests.ImportAsync(Admin, lines)).StatusCode);
    }

    protected async Task<Feed> AddFeedAsync(string name, string ranker = "chronological", string parameters = "{}", bool isPublic = true)
    {
        var feed = new Feed
        {
            Name = name, DisplayName = $"Feed {name}", Description = $"About {name}", Ranker = ranker,
            ParametersJson = parameters, Public = isPublic, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        };
        Assert.True(await Service.Services.GetRequiredService<IFeedStore>().AddAsync(feed));
        return feed;
    }

    protected async Task<JsonElement> GetJsonAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await Client.GetAsync(path);
        Assert.Equal(expected, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static string[] Posts(JsonElement page) =>
        page.GetProperty("feed").EnumerateArray().Select(i => i.GetProperty("post").GetString()!.Split('/')[^1]).ToArray();

    public static string? Cursor(JsonElement page) =>
        page.TryGetProperty("cursor", out var cursor) && cursor.ValueKind == JsonValueKind.String ? cursor.GetString() : null;
}
