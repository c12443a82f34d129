using System.Buffers;
using System.Text.Json;
using Middleware.Core.Import;
using Middleware.Server.Admin;

namespace Middleware.Server.Import;

/// <summary><c>GET /api/admin/export?from=&amp;to=</c>: the stored public posts, their interactions and
/// servings, and the accounts' creation times and consent, as the newline-delimited JSON that
/// <c>POST /api/admin/import</c> reads (and <c>tools/Middleware.Replay</c> replays).</summary>
public static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/admin/export", ExportAsync);
        return app;
    }

    /// <summary>Streams the export, one record per line: accounts, then posts published in
    /// [<paramref name="from"/>, <paramref name="to"/>) oldest first, then the interactions on them
    /// recorded before <paramref name="to"/> in time order. Both bounds are optional.</summary>
    private static async Task<IResult> ExportAsync(string? from, string? to, HttpContext http, IExportSource source, CancellationToken ct)
    {
        DateTimeOffset? start = null, end = null;
        if (from is not null)
        {
            if (!IsoTime.TryParse(from, out var time))
                return Problem("from", $"must be {IsoTime.Expected}.");
            start = time;
        }
        if (to is not null)
        {
            if (!IsoTime.TryParse(to, out var time))
                return Problem("to", $"must be {IsoTime.Expected}.");
            end = time;
        }
        if (start > end)
            return Problem("to", "must not be before from.");

        http.Response.ContentType = "application/x-ndjson; charset=utf-8";
        http.Response.Headers.ContentDisposition = "attachment; filename=\"middleware-export.ndjson\"";
        await using var json = new Utf8JsonWriter(http.Response.BodyWriter, new JsonWriterOptions { SkipValidation = true });
        var written = 0;
        await foreach (var record in source.ReadAsync(new ExportRange(start, end), ct))
        {
            ExportLines.Write(json, record);
            json.Flush();
            http.Response.BodyWriter.Write("\n"u8);
            json.Reset();
            // Flush to the client now and then, not per line: one write per record would cost more than the record.
            if (++written % 256 == 0)
                await http.Response.BodyWriter.FlushAsync(ct);
        }
        return Results.Empty;
    }

    private static IResult Problem(string field, string problem) =>
        Results.BadRequest(new { error = $"{field}: {problem}", field });
}
