using System.Text.Json;
using Microsoft.Extensions.Options;
using Middleware.Core.Ranking;
using Middleware.Ranking;
using Middleware.Ranking.Engine;
using Middleware.Ranking.Replay;
using Middleware.Data.Ranking;
using Middleware.Server.Admin;

namespace Middleware.Server.Ranking;

/// <summary>The rankers under <c>/api/admin</c>: which exist (and why one did not load), running one
/// on stored posts, and the groups the bridging model's coordination guard found.</summary>
public static class RankingEndpoints
{
    public static IEndpointRouteBuilder MapRanking(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin");
        admin.MapGet("/rankers", (RankerCatalog catalog, IEnumerable<IRefittable> models) =>
            Results.Ok(catalog.Entries.Select(e => RankerJson.Describe(e, models.FirstOrDefault(m => m.Id == e.Id)))));
        admin.MapPost("/rankers/{id}/refit", RefitAsync);
        admin.MapPost("/rank", RankAsync);
        admin.MapGet("/coordination/groups", CoordinationEndpoints.GroupsAsync);
        app.MapPlugins();
        return app;
    }

    /// <summary>The body of <c>POST /api/admin/rank</c>.</summary>
    /// <param name="Ranker">The ranker's id.</param>
    /// <param name="Parameters">The ranker's parameters (a JSON object).</param>
    /// <param name="Limit">Items to return, 1-500 (default 20).</param>
    /// <param name="Viewer">Optional actor URI the ranking is for.</param>
    /// <param name="MaxAgeHours">Only posts published within this many hours (default from configuration).</param>
    /// <param name="AsOf">Optional past moment (ISO 8601) to rank as of: only posts published and signals
    /// recorded before it, with a bridging model fitted on those alone (replay; see docs/ranking.md).</param>
    public sealed record RankRequest(string? Ranker, JsonElement? Parameters, int? Limit, string? Viewer, double? MaxAgeHours, string? AsOf = null);

    private static async Task<IResult> RankAsync(
        RankRequest request, IRankingRunner runner, RankerCatalog catalog, ICandidateStore candidates, IOptions<CandidateWindowOptions> window,
        TimeProvider clock, IServiceProvider services, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (RankAsOf.Parse(request.AsOf, now) is { Problem: { } asOfProblem })
            return Problem("asOf", asOfProblem);
        if (string.IsNullOrWhiteSpace(request.Ranker))
            return Problem("ranker", "is required: the id of a ranker from GET /api/admin/rankers.");
        // Feeds fall back to chronological when their ranker is gone; a request naming one that never was is a mistake.
        if (catalog.Describe(request.Ranker) is null)
            return Problem("ranker", $"there is no ranker '{request.Ranker}'; GET /api/admin/rankers lists them.");
        var limit = request.Limit ?? 20;
        if (limit is < 1 or > 500)
            return Problem("limit", "must be between 1 and 500.");
        var maxAge = request.MaxAgeHours ?? window.Value.MaxAgeHours;
        if (!double.IsFinite(maxAge) || maxAge <= 0 || maxAge > 24 * 366)
            return Problem("maxAgeHours", "must be more than 0 and at most a year.");

        RankerParameters parameters;
        try
        {
            parameters = RankerParameters.FromJson(request.Parameters);
        }
        catch (RankerParameterException e)
        {
            return Problem(e.Field, e.Problem);
        }

        AsOfRanking? past = null;
        if (RankAsOf.Parse(request.AsOf, now).Moment is { } asOf)
        {
            past = await services.GetRequiredService<AsOfRankings>().FitAsync(asOf, ct);
            (now, runner) = (asOf, past.Runner);
            // The store itself: the registered one carries the live model's coordination scores.
            candidates = services.GetRequiredService<CandidateStore>();
        }
        var query = new CandidateQuery(now.AddHours(-maxAge), window.Value.MaxCandidates, request.Viewer, past?.AsOf);
        var pool = await candidates.GetAsync(query, ct);
        if (past is not null)
            pool = past.Score(pool);
        RankingOutcome outcome;
        try
        {
            outcome = await runner.RunAsync(request.Ranker, new RankingRequest
            {
                Feed = "admin",
                Viewer = request.Viewer,
                Candidates = pool,
                Limit = limit,
                Parameters = parameters,
                Now = now,
            }, ct);
        }
        catch (RankerParameterException e)
        {
            return Problem(e.Field.StartsWith("parameters", StringComparison.Ordinal) ? e.Field : $"parameters.{e.Field}", e.Problem);
        }

        return Results.Ok(new
        {
            requested = request.Ranker,
            ranker = outcome.Ranker,
            fallback = outcome.FallbackReason,
            notice = outcome.Result.Notice,
            candidates = pool.Count,
            asOf = past?.AsOf,
            model = past is null ? null : new { fittedAsOf = past.AsOf, succeeded = past.Refit.Succeeded, ratings = past.Refit.Ratings, posts = past.Refit.Posts, groups = past.Refit.CoordinatedGroups },
            items = outcome.Result.Items.Select(i => new { post = i.PostUri, score = i.Score, explanation = i.Explanation }),
        });
    }

    /// <summary>Refits a model-based ranker now and answers when it is done, with the refit's report
    /// (a failed or over-budget refit is 200 with <c>succeeded: false</c>; the previous model stays).</summary>
    private static async Task<IResult> RefitAsync(string id, RankerCatalog catalog, IEnumerable<IRefittable> models, CancellationToken ct)
    {
        if (models.FirstOrDefault(m => m.Id == id) is { } model)
            return Results.Ok(RankerJson.Describe(await model.RefitAsync(ct)));
        return catalog.Describe(id) is null
            ? Results.NotFound(new { error = $"There is no ranker '{id}'." })
            : Results.BadRequest(new { error = $"The ranker '{id}' has no model to refit." });
    }

    private static IResult Problem(string field, string problem) =>
        Results.BadRequest(new { error = $"{field}: {problem}", field });
}
