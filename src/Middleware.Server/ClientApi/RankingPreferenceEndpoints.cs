using System.Text.Json;
using Middleware.Core.Accounts;
using Middleware.Ranking;
using Middleware.Ranking.Engine;

namespace Middleware.Server.ClientApi;

/// <summary><c>GET/PUT /api/v1/preferences/ranking</c>: which ranker orders the person's home
/// timeline, its parameters, and whether their interactions may be recorded for it.</summary>
public static class RankingPreferenceEndpoints
{
    public static IEndpointRouteBuilder MapRankingPreference(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/preferences/ranking", ReadAsync);
        app.MapPut("/api/v1/preferences/ranking", SetAsync);
        return app;
    }

    /// <summary>The body of <c>PUT /api/v1/preferences/ranking</c>; omitted members keep their value.</summary>
    /// <param name="Ranker">A ranker id from the catalog (e.g. <c>chronological</c>, <c>bridging</c>).</param>
    /// <param name="Parameters">The ranker's parameters, a JSON object.</param>
    /// <param name="RecordInteractions">Opt in to recording favourites, boosts, replies and impressions
    /// made through the service (used by the bridging ranker). Off by default: no profiling.</param>
    public sealed record RankingPreferenceBody(string? Ranker, JsonElement? Parameters, bool? RecordInteractions);

    /// <summary>Answers <c>{"ranker":"chronological","parameters":{},"recordInteractions":false}</c>.</summary>
    private static async Task<IResult> ReadAsync(HttpRequest http, IOAuthGrantStore grants, IClientAccountStore accounts,
        UpstreamSecrets secrets, CancellationToken ct)
    {
        var (caller, error) = await ClientCaller.ResolveAsync(http, grants, accounts, secrets, userRequired: true, ct);
        return caller is null ? error! : Describe(caller.Account!.Preference);
    }

    /// <summary>Sets the preference. An unknown ranker or parameters the ranker refuses answer 422
    /// with <c>{"error":…, "field":…}</c> and change nothing.</summary>
    private static async Task<IResult> SetAsync(HttpRequest http, RankingPreferenceBody body, IOAuthGrantStore grants,
        IClientAccountStore accounts, UpstreamSecrets secrets, RankerCatalog catalog, IRankingRunner runner, TimeProvider clock,
        CancellationToken ct)
    {
        var (caller, error) = await ClientCaller.ResolveAsync(http, grants, accounts, secrets, userRequired: true, ct);
        if (caller is null)
            return error!;
        var current = caller.Account!.Preference;
        var ranker = body.Ranker ?? current.Ranker;
        if (catalog.Describe(ranker) is null)
            return Invalid("ranker", $"there is no ranker '{ranker}'; choose one of {string.Join(", ", catalog.Entries.Select(e => e.Id))}.");
        if (body.Parameters is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) })
            return Invalid("parameters", "must be a JSON object.");
        var parametersJson = body.Parameters is { ValueKind: JsonValueKind.Object } given ? given.GetRawText()
            : body.Ranker is null || body.Ranker == current.Ranker ? current.ParametersJson : "{}";
        var preference = new RankingPreference(ranker, parametersJson, body.RecordInteractions ?? current.RecordInteractions);
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
            return Invalid(e.Field.StartsWith("parameters", StringComparison.Ordinal) ? e.Field : $"parameters.{e.Field}", e.Problem);
        }
        await accounts.SetPreferenceAsync(caller.Account.Id, preference, ct);
        await http.HttpContext.RequestServices.GetRequiredService<FollowingSync>().PreferenceChangedAsync(caller.Account, caller.UpstreamToken!, preference, ct);
        return Describe(preference);
    }

    private static IResult Describe(RankingPreference preference)
    {
        using var parameters = JsonDocument.Parse(preference.ParametersJson);
        return Results.Json(new { ranker = preference.Ranker, parameters = parameters.RootElement.Clone(), recordInteractions = preference.RecordInteractions });
    }

    private static IResult Invalid(string field, string problem) =>
        Results.Json(new { error = $"{field}: {problem}", field }, statusCode: StatusCodes.Status422UnprocessableEntity);
}
