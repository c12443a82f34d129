using Microsoft.AspNetCore.Antiforgery;
using Middleware.Core.Feeds;
using Middleware.Server.ClientApi;
using Middleware.Server.Feeds;

namespace Middleware.Server.Web.Admin;

/// <summary><c>/admin/feeds</c>: the feeds, and each feed's recipe editor. The editor posts the
/// definition's JSON with <c>action=preview</c> (rank it against current data beside the saved
/// version; nothing is stored) or <c>action=save</c> (a new version, through the API's save path). Both
/// check the text as <c>PUT /api/admin/feeds/{name}</c> does, so a refusal reads the same.</summary>
public static class AdminFeedPages
{
    public const string Path = "/admin/feeds";

    public static string EditorPath(string name) => $"{Path}/{Uri.EscapeDataString(name)}";

    public static RouteGroupBuilder MapAdminFeeds(this RouteGroupBuilder admin)
    {
        admin.MapGet("/feeds", async (HttpContext http, PageFrames frames, IFeedStore feeds, CancellationToken ct) =>
            AdminPages.Render<FeedsPage>(frames.For(http), new() { [nameof(FeedsPage.Feeds)] = await feeds.ListAsync(ct) }));
        admin.MapGet("/feeds/{name}", ShowAsync);
        admin.MapPost("/feeds/{name}", PostAsync).WithSmallBody();
        return admin;
    }

    private static async Task<IResult> ShowAsync(string name, HttpContext http, PageFrames frames, IFeedStore feeds, FeedPreview preview,
        CancellationToken ct)
    {
        if (await feeds.FindAsync(name, ct) is not { } saved)
            return NoFeed(frames.For(http), name);
        return Editor(frames.For(http), saved, RecipeText.Of(saved), await preview.RankAsync(SavedHeading(saved), saved, ct));
    }

    private static async Task<IResult> PostAsync(string name, HttpContext http, IAntiforgery antiforgery, PageFrames frames, IFeedStore feeds,
        FeedDefinitionReader reader, FeedAccounts accounts, FeedPreview preview, CancellationToken ct)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
            return Messages.FormRefused(frames.For(http), EditorPath(name));
        if (await feeds.FindAsync(name, ct) is not { } saved)
            return NoFeed(frames.For(http), name);
        var form = await http.Request.ReadFormAsync(ct);
        var text = form["definition"].ToString();
        var action = form["action"].ToString();
        var frame = frames.For(http);
        var savedColumn = await preview.RankAsync(SavedHeading(saved), saved, ct);
        if (action is not ("preview" or "save"))
            return Editor(frame, saved, text, savedColumn, problem: "action: must be preview or save.", status: StatusCodes.Status400BadRequest);
        if (text.Length == 0)
            return Editor(frame, saved, text, savedColumn, problem: "definition: paste the feed's definition (JSON).", status: StatusCodes.Status400BadRequest);
        var (body, malformed) = RecipeText.Parse(text);
        if (malformed is not null)
            return Editor(frame, saved, text, savedColumn, problem: malformed, status: StatusCodes.Status400BadRequest);

        if (action == "save")
        {
            return await FeedAdminEndpoints.ChangeAsync(name, body, reader, feeds, accounts, ct) switch
            {
                null => NoFeed(frame, name),
                { Invalid: { } invalid } => Editor(frame, saved, text, savedColumn, problem: invalid.Message, status: StatusCodes.Status400BadRequest),
                _ => WebPage.SeeOther(EditorPath(name)),
            };
        }
        Feed draft;
        try
        {
            draft = await reader.ReadAsync(body, name, ct);
        }
        catch (FeedDefinitionException e)
        {
            return Editor(frame, saved, text, savedColumn, problem: e.Message, status: StatusCodes.Status400BadRequest);
        }
        var draftColumn = await preview.RankAsync("Unsaved definition (preview)", draft, ct);
        return Editor(frame, saved, text, savedColumn, draftColumn);
    }

    private static string SavedHeading(Feed saved) => $"Saved version {saved.Version}";

    private static IResult Editor(PageFrame frame, Feed saved, string text, PreviewColumn savedColumn, PreviewColumn? draft = null,
        string? problem = null, int status = StatusCodes.Status200OK) =>
        AdminPages.Render<FeedEditorPage>(frame, new()
        {
            [nameof(FeedEditorPage.Feed)] = saved, [nameof(FeedEditorPage.Definition)] = text, [nameof(FeedEditorPage.Saved)] = savedColumn,
            [nameof(FeedEditorPage.Draft)] = draft, [nameof(FeedEditorPage.Problem)] = problem,
        }, status, RecipePreviewScript.ContentSecurityPolicy);

    private static IResult NoFeed(PageFrame frame, string name) =>
        Messages.Show(frame, StatusCodes.Status404NotFound, "No such feed", $"There is no feed called “{name}”.", Path, "All feeds");
}
