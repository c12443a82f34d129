using System.Text.Json;
using Microsoft.Extensions.Options;
using Middleware.Core.Accounts;
using Middleware.Core.Feeds;
using Middleware.Ranking;
using Middleware.Ranking.Engine;

namespace Middleware.Server.ClientApi;

/// <summary><c>GET/PUT /api/v1/preferences/ranking</c>: which feed (or else which ranker, with its
/// parameters) orders the person's home timeline, and whether their interactions may be recorded for it.</summary>
public static class RankingPreferenceEndpoints
{
    public static IEndpointRouteBuilder MapRankingPreference(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/preferences/ranking", ReadAsync);
        app.MapPut("/api/v1/preferences/ranking", SetAsync).WithSmallBody();
        return app;
    }

    /// <summary>The body of <c>PUT /api/v1/preferences/ranking</c>; omitted members keep their value.
    /// A feed and a ranker exclude each other: choosing one forgets the other.</summary>
    /// <param name="Feed">The name of a public feed (<c>GET /api/v1/feeds</c>): its ranker and parameters
    /// order the home timeline, and it may add some of its own top posts.</param>
    /// <param name="Ranker">A ranker id from the catalog (e.g. <c>chronological</c>, <c>bridging</c>).</param>
    /// <param name="Parameters">The ranker's parameters, a JSON object.</param>
    /// <param name="RecordInteractions">Opt in to recording favourites, boosts, replies and impressions
    /// made through the service (used by the bridging ranker). Off by default: no profiling.</param>
    /// <param name="Lists">Public feeds to read as lists in apps, in order; null: unchanged, empty: none.</param>
    /// <param name="Trends">The public feed answering the apps' trending posts; null: unchanged, "": the instance's default.</param>
    public sealed record RankingPreferenceBody(string? Feed, string? Ranker, JsonElement? Parameters, bool? RecordInteractions,
        IReadOnlyList<string>? Lists = null, string? Trends = null);

    /// <summary>Answers <c>{"feed":null,"ranker":"chronological","parameters":{},"recordInteractions":false}</c>;
    /// with a feed chosen, <c>ranker</c> and <c>parameters</c> are the feed's current ones.</summary>
    private static async Task<IResult> ReadAsync(HttpRequest http, ClientCallers callers, IFeedStore feeds, CancellationToken ct)
    {
        var (caller, error) = await callers.ResolveAsync(http, userRequired: true, ct,
            ClientScopes.ReadAccounts);
        return caller is null ? error! : await DescribeAsync(caller.Account!.Preference, feeds, ct);
    }

    /// <summary>Sets the preference. An unknown or private feed, a feed together with a ranker, an
    /// unknown ranker or parameters the ranker refuses answer 422 with <c>{"error":…, "field":…}</c>
    /// and change nothing.</summary>
    private static async Task<IResult> SetAsync(HttpRequest http, ClientCallers callers,
        IClientAccountStore accounts, FollowingSync following, RankerCatalog catalog, IRankingRunner runner, IFeedStore feeds,
        IOptions<ClientApiOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var (caller, error) = await callers.ResolveAsync(http, userRequired: true, ct,
            ClientScopes.WriteAccounts);
        if (caller is null)
            return error!;
        var (body, unreadable) = await ReadBodyAsync(http, ct);
        if (body is null)
            return unreadable!;
        var (preference, refusal) = await ResolveAsync(body, caller.Account!.Preference, feeds, catalog, runner, options.Value, clock, ct);
        if (preference is null)
            return Invalid(refusal!.Field, refusal.Problem);
        await accounts.SetPreferenceAsync(caller.Account!.Id, preference, ct);
        await following.PreferenceChangedAsync(caller.Account, caller.UpstreamToken!, preference, ct);
        return await DescribeAsync(preference, feeds, ct);
    }

    /// <summary>The body as JSON (<c>{"feed":"buurt"}</c>) or, as Mastodon clients often send, a form
    /// (<c>feed=buurt</c>, <c>recordInteractions=true</c>, <c>parameters</c> as a JSON text); an empty
    /// body changes nothing. Anything unreadable is a 422 naming the field, like every other refusal.</summary>
    private static async Task<(RankingPreferenceBody?, IResult?)> ReadBodyAsync(HttpRequest http, CancellationToken ct)
    {
        if (http.HasFormContentType)
        {
            var form = await http.ReadFormAsync(ct);
            string? Field(string name) => form.TryGetValue(name, out var v) && v.Count > 0 && !string.IsNullOrEmpty(v[^1]) ? v[^1] : null;
            var recordText = Field("recordInteractions") ?? Field("record_interactions");
            bool? record = recordText switch { null => null, "true" or "1" => true, "false" or "0" => false, _ => null };
            if (recordText is not null && record is null)
                return (null, Invalid("recordInteractions", "must be true or false."));
            JsonElement? parameters = null;
            if (Field("parameters") is { } text)
            {
                try
                {
                    parameters = JsonSerializer.Deserialize<JsonElement>(text);
                }
                catch (JsonException)
                {
                    return (null, Invalid("parameters", "must be a JSON object."));
                }
            }
            // lists[]=a&lists[]=b (as Rails reads arrays); a lone empty lists[]= clears them. trends= clears.
            var listKey = form.ContainsKey("lists[]") ? "lists[]" : form.ContainsKey("lists") ? "lists" : null;
            var formLists = listKey is null ? null : form[listKey].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList();
            var formTrends = form.TryGetValue("trends", out var chosenTrends) ? chosenTrends.LastOrDefault() ?? "" : null;
            return (new RankingPreferenceBody(Field("feed"), Field("ranker"), parameters, record, formLists, formTrends), null);
        }
        if (http.ContentLength == 0 || (http.ContentLength is null && http.ContentType is null))
            return (new RankingPreferenceBody(null, null, null, null), null);
        if (!http.HasJsonContentType())
            return (null, Invalid("body", "must be JSON (application/json) or a form.", Edges.Problems.UnsupportedMediaType));
        JsonElement json;
        try
        {
            json = await JsonSerializer.DeserializeAsync<JsonElement>(http.Body, cancellationToken: ct);
        }
        catch (JsonException)
        {
            return (null, Invalid("body", "is not valid JSON.", Edges.Problems.MalformedJson));
        }
        if (json.ValueKind != JsonValueKind.Object)
            return (null, Invalid("body", "must be a JSON object."));
        string? Text(string name, out IResult? wrong)
        {
            wrong = null;
            if (!json.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
                return null;
            if (value.ValueKind == JsonValueKind.String)
                return value.GetString();
            wrong = Invalid(name, "must be a string.");
            return null;
        }
        var feed = Text("feed", out var badFeed);
        var ranker = Text("ranker", out var badRanker);
        if ((badFeed ?? badRanker) is { } bad)
            return (null, bad);
        bool? recordInteractions = null;
        if (json.TryGetProperty("recordInteractions", out var r) && r.ValueKind != JsonValueKind.Null)
        {
            if (r.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                return (null, Invalid("recordInteractions", "must be true or false."));
            recordInteractions = r.GetBoolean();
        }
        List<string>? lists = null;
        if (json.TryGetProperty("lists", out var l))
        {
            if (l.ValueKind == JsonValueKind.Null)
                lists = [];
            else if (l.ValueKind != JsonValueKind.Array || l.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
                return (null, Invalid("lists", "must be a list of feed names."));
            else
                lists = l.EnumerateArray().Select(e => e.GetString()!).ToList();
        }
        string? trends = null;
        if (json.TryGetProperty("trends", out var t))
        {
            if (t.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                return (null, Invalid("trends", "must be a feed name, or null for the instance's default."));
            trends = t.ValueKind == JsonValueKind.Null ? "" : t.GetString();
        }
        return (new RankingPreferenceBody(feed, ranker, json.TryGetProperty("parameters", out var p) ? p : null, recordInteractions,
            lists, trends), null);
    }

    /// <summary>Why a preference was refused: the field and the problem, in plain words.</summary>
    public sealed record Refusal(string Field, string Problem)
    {
        public override string ToString() => $"{Field}: {Problem}";
    }

    /// <summary>The preference <paramref name="body"/> asks for, starting from <paramref name="current"/>, or
    /// why it is refused. The one validation of the client API and the settings page: an unknown or private
    /// feed, a feed with a ranker, an unknown ranker or parameters the ranker refuses change nothing.</summary>
    public static async Task<(RankingPreference? Preference, Refusal? Refusal)> ResolveAsync(RankingPreferenceBody body,
        RankingPreference current, IFeedStore feeds, RankerCatalog catalog, IRankingRunner runner, ClientApiOptions options,
        TimeProvider clock, CancellationToken ct)
    {
        var recordInteractions = body.RecordInteractions ?? current.RecordInteractions;
        var (preference, invalid) = body.Feed is not null ? await ChooseFeedAsync(body, feeds, ct)
            : body.Ranker is null && body.Parameters is null ? (current, null)
            : await ChooseRankerAsync(body, current, catalog, runner, clock, ct);
        if (preference is null)
            return (null, invalid);
        var (lists, badLists) = body.Lists is { } names ? await ChooseListsAsync(names, feeds, options, ct) : (current.Lists, null);
        if (lists is null)
            return (null, badLists);
        var trends = body.Trends switch { null => current.TrendsFeed, "" => null, var name => name };
        if (body.Trends is { Length: > 0 } && await feeds.FindAsync(body.Trends, ct) is not { Public: true })
            return (null, new Refusal("trends", $"there is no public feed '{body.Trends}'; see GET /api/v1/feeds."));
        return (preference with
        {
            RecordInteractions = recordInteractions, ListFeeds = lists.Count == 0 ? null : lists, TrendsFeed = trends,
        }, null);
    }

    private static async Task<(RankingPreference?, Refusal?)> ChooseFeedAsync(RankingPreferenceBody body, IFeedStore feeds, CancellationToken ct)
    {
        if (body.Ranker is not null || body.Parameters is { ValueKind: not JsonValueKind.Null })
            return (null, new Refusal("feed", "choose a feed or a ranker with parameters, not both."));
        if (await feeds.FindAsync(body.Feed!, ct) is not { Public: true } feed)
            return (null, new Refusal("feed", $"there is no public feed '{body.Feed}'; see GET /api/v1/feeds."));
        // Should the feed go away, the home timeline is ranked chronologically, the default.
        return (RankingPreference.Default with { Feed = feed.Name }, null);
    }

    /// <summary>Each must be a public feed, named once, at most <see cref="ClientApiOptions.MaxListFeeds"/>.</summary>
    private static async Task<(IReadOnlyList<string>?, Refusal?)> ChooseListsAsync(IReadOnlyList<string> names, IFeedStore feeds,
        ClientApiOptions options, CancellationToken ct)
    {
        if (names.Count > options.MaxListFeeds)
            return (null, new Refusal("lists", $"at most {options.MaxListFeeds} feeds can be read as lists."));
        var chosen = new List<string>();
        foreach (var name in names)
        {
            if (chosen.Contains(name, StringComparer.Ordinal))
                return (null, new Refusal("lists", $"'{name}' is named twice."));
            if (await feeds.FindAsync(name, ct) is not { Public: true } feed)
                return (null, new Refusal("lists", $"there is no public feed '{name}'; see GET /api/v1/feeds."));
            chosen.Add(feed.Name);
        }
        return (chosen, null);
    }

    private static async Task<(RankingPreference?, Refusal?)> ChooseRankerAsync(RankingPreferenceBody body, RankingPreference current,
        RankerCatalog catalog, IRankingRunner runner, TimeProvider clock, CancellationToken ct)
    {
        var ranker = body.Ranker ?? current.Ranker;
        if (catalog.Describe(ranker) is null)
            return (null, new Refusal("ranker", $"there is no ranker '{ranker}'; choose one of {string.Join(", ", catalog.Entries.Select(e => e.Id))}."));
        if (body.Parameters is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) })
            return (null, new Refusal("parameters", "must be a JSON object."));
        var parametersJson = body.Parameters is { ValueKind: JsonValueKind.Object } given ? given.GetRawText()
            : body.Ranker is null || body.Ranker == current.Ranker ? current.ParametersJson : "{}";
        var preference = new RankingPreference(ranker, parametersJson, current.RecordInteractions);
        try
        {
            // Rankers check their parameters when they run; zero candidates makes that cheap.
            await runner.RunAsync(ranker, new RankingRequest
            {
                Feed = "home", Candidates = [], Limit = 1, Parameters = HomeTimeline.ParametersOf(preference), Now = clock.GetUtcNow(),
            }, ct);
        }
        catch (RankerParameterException e)
        {
            return (null, new Refusal(e.Field.StartsWith("parameters", StringComparison.Ordinal) ? e.Field : $"parameters.{e.Field}", e.Problem));
        }
        return (preference, null);
    }

    /// <summary>What orders the home timeline now; a chosen feed that is gone is named, with the
    /// chronological order that replaced it and a notice saying so.</summary>
    private static async Task<IResult> DescribeAsync(RankingPreference preference, IFeedStore feeds, CancellationToken ct)
    {
        var feed = preference.Feed is { } name ? await feeds.FindAsync(name, ct) : null;
        var usable = feed is { Public: true };
        using var parameters = JsonDocument.Parse(usable ? feed!.ParametersJson : preference.ParametersJson);
        return Results.Json(new
        {
            feed = preference.Feed,
            feedVersion = usable ? feed!.Version : (int?)null,
            ranker = usable ? feed!.Ranker : preference.Ranker,
            parameters = parameters.RootElement.Clone(),
            recordInteractions = preference.RecordInteractions,
            lists = preference.Lists,
            trends = preference.TrendsFeed,
            notice = await NoticeAsync(preference, usable, feeds, ct),
        });
    }

    /// <summary>What the person chose that is no longer offered, in plain words; null when nothing.</summary>
    private static async Task<string?> NoticeAsync(RankingPreference preference, bool homeFeedUsable, IFeedStore feeds, CancellationToken ct)
    {
        var notices = new List<string>();
        if (preference.Feed is not null && !homeFeedUsable)
            notices.Add($"The feed '{preference.Feed}' is no longer offered; your home timeline is ranked by {preference.Ranker}.");
        foreach (var name in preference.Lists)
            if (await feeds.FindAsync(name, ct) is not { Public: true })
                notices.Add($"The feed '{name}' is no longer offered; its list is gone from your apps.");
        if (preference.TrendsFeed is { } trends && await feeds.FindAsync(trends, ct) is not { Public: true })
            notices.Add($"The feed '{trends}' is no longer offered; trending posts come from the instance's default.");
        return notices.Count == 0 ? null : string.Join(" ", notices);
    }

    /// <summary>422 as documented, as a problem document with <c>error</c> and <c>field</c> beside its members.</summary>
    private static IResult Invalid(string field, string problem, string slug = Edges.Problems.InvalidRequest) =>
        Edges.Problems.Result(StatusCodes.Status422UnprocessableEntity, slug, "Invalid preference", $"{field}: {problem}",
            new Dictionary<string, object?> { ["error"] = $"{field}: {problem}", ["field"] = field });
}
