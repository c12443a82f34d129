using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Middleware.Core.Import;
using Middleware.Server.Admin;
using Middleware.Server.Configuration;

namespace Middleware.Server.Import;

/// <summary><c>POST /api/admin/import</c>: recorded posts and interactions as newline-delimited
/// JSON, applied all at once or not at all.</summary>
public static class ImportEndpoints
{
    private static readonly string[] MediaTypes = ["application/x-ndjson", "application/ndjson", "application/jsonl", "application/json-lines", "text/plain"];

    public static IEndpointRouteBuilder MapImport(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/admin/import", ImportAsync);
        return app;
    }

    private static async Task<IResult> ImportAsync(HttpContext http, IImportStore store, IOptions<MiddlewareOptions> options, CancellationToken ct)
    {
        var mediaType = http.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType is null || !MediaTypes.Contains(mediaType))
            return Results.Json(new { error = $"Send newline-delimited JSON as one of: {string.Join(", ", MediaTypes)}." }, statusCode: StatusCodes.Status415UnsupportedMediaType);

        var limit = options.Value.MaxImportBytes;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = limit;
        if (http.Request.ContentLength > limit)
            return TooLarge(limit);

        (ImportBatch Batch, IReadOnlyList<ImportProblem> Problems) read;
        try
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            read = await ImportReader.ReadAsync(reader, ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limit);
        }
        if (read.Problems.Count > 0)
            return Refused(read.Problems);
        if (read.Batch.IsEmpty)
            return Results.BadRequest(new { error = "The import holds no records." });

        var outcome = await store.ImportAsync(read.Batch, ct);
        if (!outcome.Applied)
            return Refused(outcome.Problems);
        return Results.Ok(new
        {
            posts = new { added = outcome.PostsAdded, alreadyStored = outcome.PostsAlreadyStored },
            interactions = new { added = outcome.InteractionsAdded, alreadyStored = outcome.InteractionsAlreadyStored },
            impressions = outcome.Impressions,
            accounts = outcome.AccountsRecorded,
        });
    }

    private static IResult Refused(IReadOnlyList<ImportProblem> problems) => Results.BadRequest(new
    {
        error = $"Nothing was imported: {problems.Count}{(problems.Count >= ImportReader.MaxProblems ? " or more" : "")} line(s) cannot be imported.",
        problems = problems.Select(p => new { line = p.Line, error = p.Error }),
    });

    private static IResult TooLarge(long limit) => Results.Json(
        new { error = $"The import is larger than {limit} bytes (Middleware__MaxImportBytes). Nothing was imported; split it into smaller files." },
        statusCode: StatusCodes.Status413PayloadTooLarge);
}
