using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.ClientApi;

/// <summary>A home instance on loopback answering the client API calls the service makes, with
/// Mastodon's documented shapes: app registration, an authorize page that approves at once,
/// the token exchange and verify_credentials.</summary>
public sealed class MastodonStandIn
{
    /// <summary>Every upstream token starts so; each login gets its own (prefix, number), so a test can
    /// tell which login's token a request carried.</summary>
    public const string UpstreamToken = "upstream-token-of-alice";

    // Tokens issued and not revoked, with their scopes; static because Authorized is, and unique per process.
    private static readonly ConcurrentDictionary<string, string> Live = new();
    private static int _issued;
    private readonly ConcurrentDictionary<string, string> _codes = new(); // code → scopes asked

    public MastodonStandIn(RemoteServer server)
    {
        Server = server;
        server.Route("/api/v1/apps", context => Json(context, new
        {
            id = "1", name = "Middleware feeds", website = (string?)null, scopes = new[] { "read", "write", "follow", "push" },
            redirect_uri = "x", redirect_uris = new[] { "x" }, client_id = "upstream-client", client_secret = "upstream-secret",
        }));
        server.Route("/oauth/authorize", context =>
        {
            var code = $"upstream-code-{Guid.NewGuid():N}";
            _codes[code] = context.Request.Query["scope"].ToString();
            var target = $"{context.Request.Query["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(context.Request.Query["state"]!)}";
            context.Response.Redirect(target);
            return Task.CompletedTask;
        });
        server.Route("/oauth/token", async context =>
        {
            var form = await context.Request.ReadFormAsync();
            if (!_codes.TryRemove(form["code"].ToString(), out var scopes) || form["client_secret"] != "upstream-secret")
            {
                context.Response.StatusCode = 400;
                await Json(context, new { error = "invalid_grant" });
                return;
            }
            var token = $"{UpstreamToken}-{Interlocked.Increment(ref _issued)}";
            Live[token] = scopes;
            await Json(context, new { access_token = token, token_type = "Bearer", scope = scopes, created_at = 1 });
        });
        server.Route("/oauth/revoke", async context =>
        {
            var form = await context.Request.ReadFormAsync();
            if (form["client_id"] == "upstream-client" && form["client_secret"] == "upstream-secret")
                Live.TryRemove(form["token"].ToString(), out _);
            await Json(context, new { });
        });
        server.Route("/api/v1/accounts/verify_credentials", context => Authorized(context, () => Json(context, Account)));
    }

    public RemoteServer Server { get; }

    public string Handle => $"@alice@{Server.Host}";

    /// <summary>Mastodon's CredentialAccount, trimmed to the fields clients read first.</summary>
    public object Account => new
    {
        id = "109", username = "alice", acct = "alice", display_name = "Alice", locked = false, bot = false,
        created_at = "2024-01-01T00:00:00.000Z", note = "", url = $"{Server.BaseUrl}/@alice", uri = $"{Server.BaseUrl}/users/alice",
        avatar = $"{Server.BaseUrl}/a.png", avatar_static = $"{Server.BaseUrl}/a.png", header = "", header_static = "",
        followers_count = 1, following_count = 2, statuses_count = 3, last_status_at = "2024-01-01", emojis = Array.Empty<object>(),
        fields = Array.Empty<object>(), source = new { privacy = "public", sensitive = false, language = "en", note = "", fields = Array.Empty<object>() },
    };

    /// <summary>The scopes an upstream token was granted; null when unknown or revoked.</summary>
    public static string? ScopesOf(string token) => Live.TryGetValue(token, out var scopes) ? scopes : null;

    /// <summary>The upstream token a recorded request carried.</summary>
    public static string? TokenOf(RecordedRequest request) =>
        request.Headers.TryGetValue("Authorization", out var value) && value.StartsWith("Bearer ", StringComparison.Ordinal) ? value[7..] : null;

    /// <summary>Runs <paramref name="answer"/> only for a live upstream token; 401 otherwise, as Mastodon.</summary>
    public static async Task Authorized(HttpContext context, Func<Task> answer)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || !Live.ContainsKey(header[7..]))
        {
            context.Response.StatusCode = 401;
            await Json(context, new { error = "The access token is invalid" });
            return;
        }
        await answer();
    }

    public static async Task Json(HttpContext context, object body)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
