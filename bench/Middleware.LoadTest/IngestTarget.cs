using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Middleware.LoadTest;

/// <summary>The service under test: its shared inbox and its admin stats.</summary>
public sealed class IngestTarget
{
    private readonly HttpClient _admin;

    public IngestTarget(string baseUrl, string token)
    {
        BaseUrl = baseUrl;
        Inbox = $"{baseUrl}/inbox";
        Http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        _admin = new HttpClient { BaseAddress = new Uri(baseUrl) };
        _admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public string BaseUrl { get; }
    public string Inbox { get; }
    public HttpClient Http { get; }

    /// <summary>How many posts are stored (the full stats: read it rarely).</summary>
    public async Task<long> PostsAsync()
    {
        var stats = await _admin.GetFromJsonAsync<JsonElement>("/api/admin/stats");
        return stats.GetProperty("posts").GetInt64();
    }

    /// <summary>How many inbox entries are still pending: the queues alone, read from their indexes, so
    /// that polling it costs the service almost nothing (the full stats count every table, which on
    /// PostgreSQL reads them whole: ~30 ms a call at 30,000 entries).</summary>
    public async Task<long> PendingAsync()
    {
        var queues = await _admin.GetFromJsonAsync<JsonElement>("/api/admin/stats/queues");
        return queues.GetProperty("inboxPending").GetInt64();
    }

    /// <summary>How often the queues are polled while waiting: 100 ms unless <c>LOADTEST_POLL_MS</c>
    /// says otherwise.</summary>
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(
        int.TryParse(Environment.GetEnvironmentVariable("LOADTEST_POLL_MS"), out var ms) && ms > 0 ? ms : 100);

    /// <summary>Waits until nothing is pending and <paramref name="posts"/> posts are stored; the full
    /// stats are read only once the queue is empty.</summary>
    public async Task WaitForPostsAsync(long posts, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await PendingAsync() == 0 && await PostsAsync() >= posts)
                return;
            await Task.Delay(PollEvery);
        }
        throw new TimeoutException($"the service did not process {posts} posts in {timeout}");
    }
}
