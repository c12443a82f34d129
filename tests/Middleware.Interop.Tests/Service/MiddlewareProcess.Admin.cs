using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Middleware.Interop.Tests.Service;

// Typed calls to the admin API (README.md, "Use"), plus polling until the service has caught up.
public sealed partial class MiddlewareProcess
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary><c>POST /api/admin/sources</c>; returns the status and the source (null unless 201/409).</summary>
    public async Task<AddedSource> AddSourceAsync(string type, string target)
    {
        using var response = await _admin.PostAsJsonAsync("/api/admin/sources", new { type, target }, Json);
        var body = await response.Content.ReadAsStringAsync();
        var source = response.StatusCode == HttpStatusCode.Created
            ? JsonSerializer.Deserialize<ServiceSource>(body, Json)
            : null;
        return new AddedSource(response.StatusCode, source, body);
    }

    /// <summary><c>GET /api/admin/sources</c>.</summary>
    public async Task<IReadOnlyList<ServiceSource>> ListSourcesAsync() =>
        await GetJsonAsync<IReadOnlyList<ServiceSource>>("/api/admin/sources");

    /// <summary><c>DELETE /api/admin/sources/{id}</c> (sends Undo(Follow)).</summary>
    public async Task RemoveSourceAsync(long id)
    {
        using var response = await _admin.DeleteAsync($"/api/admin/sources/{id}");
        await EnsureSuccessAsync(response);
    }

    /// <summary><c>GET /api/admin/posts?uri=</c>: the stored post, or null when the service answers 404.</summary>
    public async Task<JsonElement?> GetPostAsync(string uri)
    {
        using var response = await _admin.GetAsync($"/api/admin/posts?uri={Uri.EscapeDataString(uri)}");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        await EnsureSuccessAsync(response);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary><c>GET /api/admin/stats</c>: counts of stored things and queue states.</summary>
    public Task<ServiceStats> StatsAsync() => GetJsonAsync<ServiceStats>("/api/admin/stats");

    /// <summary><c>POST /api/admin/actors</c>: a followable feed actor; returns its actor id.</summary>
    public async Task<string> CreateFeedActorAsync(string username, string? displayName = null)
    {
        using var response = await _admin.PostAsJsonAsync("/api/admin/actors",
            new { username, displayName = displayName ?? username }, Json);
        await EnsureSuccessAsync(response);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary><c>POST /api/admin/feeds</c>: a feed (and its account); returns the account's actor id.</summary>
    public async Task<string> CreateFeedAsync(object definition)
    {
        using var response = await _admin.PostAsJsonAsync("/api/admin/feeds", definition, Json);
        await EnsureSuccessAsync(response);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("account").GetProperty("id").GetString()!;
    }

    /// <summary><c>PUT /api/admin/feeds/{name}</c>: the feed's next definition.</summary>
    public async Task UpdateFeedAsync(string name, object definition)
    {
        using var response = await _admin.PutAsJsonAsync($"/api/admin/feeds/{name}", definition, Json);
        await EnsureSuccessAsync(response);
    }

    /// <summary>Polls <paramref name="read"/> until <paramref name="done"/> holds; fails with the last value and the log.</summary>
    public Task<T> WaitUntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null) =>
        Eventually.MatchAsync(read, done, what, () => $"Service log:\n{Log}", timeout);

    /// <summary>Waits until a post is stored and <paramref name="done"/> holds for it.</summary>
    public async Task<JsonElement> WaitForPostAsync(string uri, Func<JsonElement, bool>? done = null, TimeSpan? timeout = null) =>
        (await WaitUntilAsync(() => GetPostAsync(uri), p => p is { } post && (done is null || done(post)),
            $"post {uri} stored" + (done is null ? "" : " in the expected state"), timeout))!.Value;

    /// <summary>Waits until the stats satisfy <paramref name="done"/>.</summary>
    public Task<ServiceStats> WaitForStatsAsync(Func<ServiceStats, bool> done, string what, TimeSpan? timeout = null) =>
        WaitUntilAsync(StatsAsync, done, what, timeout);

    /// <summary><c>POST /api/admin/import</c> with NDJSON; returns the answer.</summary>
    public async Task<JsonElement> ImportAsync(string ndjson)
    {
        using var response = await _admin.PostAsync("/api/admin/import", new StringContent(ndjson, System.Text.Encoding.UTF8, "application/x-ndjson"));
        await EnsureSuccessAsync(response);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Json);
    }

    /// <summary>An admin <c>POST</c> with a JSON body (or none); returns the answer's JSON.</summary>
    public async Task<JsonElement> PostJsonAsync(string path, object? body = null)
    {
        using var response = body is null ? await _admin.PostAsync(path, null) : await _admin.PostAsJsonAsync(path, body, Json);
        await EnsureSuccessAsync(response);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Json);
    }

    /// <summary>An admin <c>GET</c>; returns the answer's JSON.</summary>
    public Task<JsonElement> GetJsonAsync(string path) => GetJsonAsync<JsonElement>(path);

    private async Task<T> GetJsonAsync<T>(string path)
    {
        using var response = await _admin.GetAsync(path);
        await EnsureSuccessAsync(response);
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync();
            throw new HttpRequestException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}\n{Log}",
                null, response.StatusCode);
        }
    }
}

/// <summary>The answer to <see cref="MiddlewareProcess.AddSourceAsync"/>.</summary>
/// <param name="Status">HTTP status (201 when added).</param>
/// <param name="Source">The new source, when 201.</param>
/// <param name="Body">The raw answer, for assertion messages.</param>
public sealed record AddedSource(HttpStatusCode Status, ServiceSource? Source, string Body);

/// <summary>A source as the admin API lists it.</summary>
/// <param name="Id">Its id, for DELETE.</param>
/// <param name="Type"><c>account</c>, <c>relay</c> or <c>timeline</c>.</param>
/// <param name="Target">The actor URL (accounts, relays) or instance URL.</param>
/// <param name="State"><c>pending</c>, <c>following</c>, <c>rejected</c>, <c>polling</c>…</param>
/// <param name="LastError">Why it last failed, if it did.</param>
public sealed record ServiceSource(long Id, string Type, string Target, string State, string? LastError);

/// <summary>The counts of <c>GET /api/admin/stats</c>.</summary>
public sealed record ServiceStats(
    long Actors,
    long Posts,
    long Interactions,
    long Follows,
    long Followers,
    long InboxPending,
    long InboxDone,
    long InboxRejected,
    long InboxFailed,
    long DeliveriesPending,
    long DeliveriesFailed);
