using Microsoft.AspNetCore.Antiforgery;
using Middleware.Core.Accounts;
using Middleware.Core.Signals;
using Middleware.Server.ClientApi;
using Middleware.Server.Edges;
using Middleware.Server.Feeds.Open;
using Middleware.Server.Web.SignIn;

namespace Middleware.Server.Web.Votes;

/// <summary>The vote page of a public feed, <c>/feeds/{name}/vote</c>: signed-in people only (others
/// are sent to sign in and brought back), consent asked once, then one post at a time. Every post is a
/// form post with an antiforgery token, answered with a redirect to the page (post/redirect/get).</summary>
public static class VoteEndpoints
{
    public static string VotePath(string feed) => $"/feeds/{Uri.EscapeDataString(feed)}/vote";

    public static IEndpointRouteBuilder MapVotes(this IEndpointRouteBuilder app)
    {
        var vote = app.MapGroup("/feeds/{name}/vote").RequireAuthorization(WebSessionHandler.Policy);
        vote.MapGet("", ShowAsync);
        vote.MapPost("", PostAsync).WithSmallBody().RequireRateLimiting(RateLimitPolicies.Votes);
        return app;
    }

    private static async Task<IResult> ShowAsync(string name, HttpContext http, PageFrames frames, PublicFeeds feeds,
        IVoteConsentStore consents, VoteBallots ballots, PostHtml html, CancellationToken ct)
    {
        var frame = frames.For(http);
        if (await feeds.FindAsync(name, ct) is not { } feed)
            return Messages.NoFeed(frame, name);
        var person = frame.Person!;
        if (!await consents.HasConsentedAsync(person.AccountId, ct))
            return WebPage.Render<ConsentPage>(new Dictionary<string, object?>
            {
                [nameof(ConsentPage.Frame)] = frame, [nameof(ConsentPage.Feed)] = feed, [nameof(ConsentPage.Person)] = person,
            });
        var ballot = await ballots.NextAsync(feed, person.ActorUri, ct);
        return WebPage.Render<VotePage>(new Dictionary<string, object?>
        {
            [nameof(VotePage.Frame)] = frame, [nameof(VotePage.Feed)] = feed, [nameof(VotePage.Ballot)] = ballot,
            [nameof(VotePage.ContentHtml)] = ballot.Next is { } next ? html.Render(next.Post) : "",
        });
    }

    /// <summary>Either the consent (<c>consent=agree</c>) or a vote (<c>post</c>, <c>vote</c>). Nothing is
    /// stored unless the form's token is valid, the person consented, the vote is one of the three and
    /// the post is in the feed; the same vote posted twice stores it once.</summary>
    private static async Task<IResult> PostAsync(string name, HttpContext http, IAntiforgery antiforgery, PageFrames frames,
        PublicFeeds feeds, IVoteConsentStore consents, VoteBallots ballots, IPersonSignalStore signals, TimeProvider clock,
        CancellationToken ct)
    {
        var page = VotePath(name);
        if (!await antiforgery.IsRequestValidAsync(http))
            return Messages.FormRefused(frames.For(http), page);
        if (await feeds.FindAsync(name, ct) is not { } feed)
            return Messages.NoFeed(frames.For(http), name);
        var person = WebPerson.From(http.User)!;
        var form = await http.Request.ReadFormAsync(ct);
        if (form["consent"] == "agree")
        {
            await consents.ConsentAsync(person.AccountId, clock.GetUtcNow(), ct);
            return WebPage.SeeOther(page);
        }
        // A vote from someone who has not agreed yet is not recorded: the page asks first.
        if (!await consents.HasConsentedAsync(person.AccountId, ct))
            return WebPage.SeeOther(page);
        if (VoteChoice.Parse(form["vote"]) is not { } choice)
            return Refused(frames.For(http), page, "That is not a vote this page knows: choose Agree, Disagree or Pass.");
        if (form["post"].ToString() is not { Length: > 0 } post || !await ballots.InFeedAsync(feed, post, ct))
            return Refused(frames.For(http), page,
                $"That post is not in the feed “{feed.DisplayName}” (any more): nothing was recorded. The feed is ranked again as posts arrive.");
        await signals.RecordVoteAsync(new PersonSignal(person.ActorUri, post, choice, feed.Name, clock.GetUtcNow()), ct);
        return WebPage.SeeOther(page);
    }

    private static IResult Refused(PageFrame frame, string page, string message) =>
        Messages.Show(frame, StatusCodes.Status400BadRequest, "Vote not recorded", message, page, "Back to the vote");
}
