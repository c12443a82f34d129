using System.Text.Json;
using System.Text.RegularExpressions;
using Middleware.Core.Feeds;
using Middleware.Core.Sources;
using Middleware.Ranking;
using Middleware.Ranking.Engine;
using Middleware.Ranking.Recipes;

namespace Middleware.Server.Feeds;

/// <summary>A feed definition that cannot be stored: the field at fault and what is wrong.</summary>
public sealed class FeedDefinitionException(string field, string problem) : Exception($"{field}: {problem}")
{
    public string Field { get; } = field;
    public string Problem { get; } = problem;
}

/// <summary>Reads and checks the JSON of <c>POST/PUT /api/admin/feeds</c>: every field is checked
/// before anything is stored, and the ranker is tried once on no posts so that invalid parameters
/// are refused now rather than discovered by a follower later.</summary>
public sealed partial class FeedDefinitionReader(RankerCatalog catalog, ISourceStore sources, TimeProvider clock)
{
    /// <summary>A name the open feed API uses for something else (<c>GET /api/v1/feeds/signals</c>).</summary>
    public const string ReservedName = "signals";

    private static readonly string[] Keys =
        ["name", "displayName", "description", "sources", "filters", "ranker", "parameters", "boostIntervalSeconds", "maxBoostsPerHour", "homeCandidates", "public"];

    public async Task<Feed> ReadAsync(JsonElement body, string? nameFromPath, CancellationToken ct)
    {
        if (body.ValueKind != JsonValueKind.Object)
            throw new FeedDefinitionException("body", "must be a JSON object.");
        foreach (var property in body.EnumerateObject())
        {
            if (!Keys.Contains(property.Name))
                throw new FeedDefinitionException(property.Name, $"is not a feed field; allowed: {string.Join(", ", Keys)}.");
        }

        var name = String(body, "name") ?? nameFromPath;
        if (name is null || !NamePattern().IsMatch(name))
            throw new FeedDefinitionException("name", "must be 1-30 characters of a-z, 0-9 and _ (it becomes the feed account @name).");
        if (name == ReservedName)
            throw new FeedDefinitionException("name", $"'{ReservedName}' is taken: /api/v1/feeds/{ReservedName} is where people see what the service recorded about them.");
        if (nameFromPath is not null && name != nameFromPath)
            throw new FeedDefinitionException("name", $"cannot be changed ('{nameFromPath}' in the path).");

        var ranker = String(body, "ranker") ?? throw new FeedDefinitionException("ranker", "is required: a ranker id from GET /api/admin/rankers.");
        var parameters = body.TryGetProperty("parameters", out var p) && p.ValueKind != JsonValueKind.Null ? p : (JsonElement?)null;
        await CheckRankerAsync(ranker, parameters, ct);

        string? filters = null;
        if (body.TryGetProperty("filters", out var f) && f.ValueKind != JsonValueKind.Null)
        {
            Try(() => CandidateFilter.Parse(f, "filters"));
            filters = f.GetRawText();
        }

        return new Feed
        {
            Name = name,
            DisplayName = Text(body, "displayName", 100) ?? name,
            Description = Text(body, "description", 1000) ?? "",
            SourceIds = await SourceIdsAsync(body, ct),
            FiltersJson = filters,
            Ranker = ranker,
            ParametersJson = parameters?.GetRawText() ?? "{}",
            BoostIntervalSeconds = Integer(body, "boostIntervalSeconds", 300, 60, 86_400),
            MaxBoostsPerHour = Integer(body, "maxBoostsPerHour", 12, 0, 60),
            HomeCandidates = Integer(body, "homeCandidates", 0, 0, 50),
            Public = !body.TryGetProperty("public", out var pub) || pub.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw new FeedDefinitionException("public", "must be true or false."),
            },
        };
    }

    private async Task CheckRankerAsync(string id, JsonElement? parameters, CancellationToken ct)
    {
        var ranker = catalog.Find(id) ?? throw new FeedDefinitionException("ranker",
            catalog.Describe(id) is { } entry ? $"'{id}' is not loaded: {entry.Error}" : $"there is no ranker '{id}'; see GET /api/admin/rankers.");
        var request = new RankingRequest { Feed = "validation", Candidates = [], Limit = 1, Now = clock.GetUtcNow(), Parameters = Try(() => RankerParameters.FromJson(parameters)) };
        try
        {
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
            budget.CancelAfter(TimeSpan.FromSeconds(2));
            await ranker.RankAsync(request, budget.Token);
        }
        catch (RankerParameterException e)
        {
            throw new FeedDefinitionException(e.Field.StartsWith("parameters", StringComparison.Ordinal) ? e.Field : $"parameters.{e.Field}", e.Problem);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // A ranker that fails on no posts is not the definition's fault; ranking falls back and says so.
        }
    }

    private async Task<IReadOnlyList<long>?> SourceIdsAsync(JsonElement body, CancellationToken ct)
    {
        if (!body.TryGetProperty("sources", out var value) || value.ValueKind == JsonValueKind.Null
            || (value.ValueKind == JsonValueKind.String && value.GetString() == "all"))
            return null;
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0
            || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out _)))
            throw new FeedDefinitionException("sources", "must be \"all\" or a non-empty array of source ids.");
        var known = (await sources.ListAsync(ct)).ToDictionary(s => s.Id);
        var ids = value.EnumerateArray().Select(v => v.GetInt64()).Distinct().ToList();
        foreach (var id in ids)
        {
            if (!known.TryGetValue(id, out var source))
                throw new FeedDefinitionException("sources", $"there is no source {id}; see GET /api/admin/sources.");
            if (source.Type == SourceType.Relay)
                throw new FeedDefinitionException("sources", $"source {id} is a relay; posts from relays cannot be told apart once stored, so choose \"all\" to include them.");
        }
        return ids;
    }

    private static T Try<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (RankerParameterException e)
        {
            throw new FeedDefinitionException(e.Field, e.Problem);
        }
    }

    private static string? String(JsonElement body, string name) =>
        !body.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.String ? v.GetString() : throw new FeedDefinitionException(name, "must be a string.");

    private static string? Text(JsonElement body, string name, int max)
    {
        var text = String(body, name);
        return text is { Length: var length } && length > max
            ? throw new FeedDefinitionException(name, $"must be at most {max} characters.")
            : text;
    }

    private static int Integer(JsonElement body, string name, int defaultValue, int min, int max)
    {
        if (!body.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            return defaultValue;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var n) || n < min || n > max)
            throw new FeedDefinitionException(name, $"must be a whole number from {min} to {max}.");
        return n;
    }

    [GeneratedRegex("^[a-z0-9_]{1,30}$")]
    private static partial Regex NamePattern();
}
