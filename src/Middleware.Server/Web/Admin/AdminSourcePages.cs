using Microsoft.AspNetCore.Antiforgery;
using Middleware.Core.Sources;
using Middleware.Server.ClientApi;
using Middleware.Server.Sources;

namespace Middleware.Server.Web.Admin;

/// <summary><c>/admin/sources</c>: the sources and their state, a form to add one and a button to
/// remove each, through the same <see cref="SourceSubscriptions"/> as <c>/api/admin/sources</c>.</summary>
public static class AdminSourcePages
{
    public const string Path = "/admin/sources";

    public static RouteGroupBuilder MapAdminSources(this RouteGroupBuilder admin)
    {
        admin.MapGet("/sources", async (HttpContext http, PageFrames frames, ISourceStore sources, CancellationToken ct) =>
            await ShowAsync(frames.For(http), sources, null, StatusCodes.Status200OK, ct));
        admin.MapPost("/sources", AddAsync).WithSmallBody();
        admin.MapPost("/sources/{id}/remove", RemoveAsync).WithSmallBody();
        return admin;
    }

    private static async Task<IResult> AddAsync(HttpContext http, IAntiforgery antiforgery, PageFrames frames, ISourceStore sources,
        SourceSubscriptions subscriptions, CancellationToken ct)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
            return Messages.FormRefused(frames.For(http), Path);
        var form = await http.Request.ReadFormAsync(ct);
        var request = new SourceRequest(form["type"], form["target"], form["local"] == "true");
        var result = await subscriptions.AddAsync(request, ct);
        return result.Status is 201 ? WebPage.SeeOther(Path) : await ShowAsync(frames.For(http), sources, result.Error, result.Status, ct);
    }

    private static async Task<IResult> RemoveAsync(string id, HttpContext http, IAntiforgery antiforgery, PageFrames frames,
        ISourceStore sources, SourceSubscriptions subscriptions, CancellationToken ct)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
            return Messages.FormRefused(frames.For(http), Path);
        if (!long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var sourceId))
            return await ShowAsync(frames.For(http), sources, "id: must be a source number.", StatusCodes.Status400BadRequest, ct);
        return await subscriptions.RemoveAsync(sourceId, ct)
            ? WebPage.SeeOther(Path)
            : await ShowAsync(frames.For(http), sources, $"There is no source {sourceId}.", StatusCodes.Status404NotFound, ct);
    }

    private static async Task<IResult> ShowAsync(PageFrame frame, ISourceStore sources, string? problem, int status, CancellationToken ct) =>
        AdminPages.Render<SourcesPage>(frame, new()
        {
            [nameof(SourcesPage.Sources)] = await sources.ListAsync(ct), [nameof(SourcesPage.Problem)] = problem,
        }, status);
}
