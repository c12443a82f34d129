using System.Security.Cryptography;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using Middleware.ActivityPub.Actors;
using Middleware.Core.Accounts;
using Middleware.Core.Feeds;
using Middleware.Ranking;
using Middleware.Ranking.Engine;
using Middleware.Server.ClientApi;
using Middleware.Server.Configuration;
using Middleware.Server.Edges;
using Middleware.Server.Web.SignIn;
using static Middleware.Server.ClientApi.RankingPreferenceEndpoints;

namespace Middleware.Server.Web.Settings;

/// <summary><c>/settings</c> (signed in): the person's ranking preference as one form, validated by the
/// client API's own <see cref="RankingPreferenceEndpoints.ResolveAsync"/>; <c>/help</c> and <c>/about</c>
/// for everyone.</summary>
public static class SettingsEndpoints
{
    public const string Path = "/settings";

    public static IEndpointRouteBuilder MapSettingsPages(this IEndpointRouteBuilder app)
    {
        var settings = app.MapGroup(Path).RequireAuthorization(WebSessionHandler.Policy);
        settings.MapGet("", ShowAsync);
        settings.MapPost("", PostAsync).WithSmallBody();
        app.MapGet("/help", (HttpContext http, PageFrames frames, LocalUrls urls) => WebPage.Render<HelpPage>(new Dictionary<string, object?>
        {
            [nameof(HelpPage.Frame)] = frames.For(http), [nameof(HelpPage.Host)] = urls.Host,
        }));
        app.MapGet("/about", (HttpContext http, PageFrames frames, IOptions<MiddlewareOptions> options) => WebPage.Render<AboutPage>(
            new Dictionary<string, object?>
            {
                [nameof(AboutPage.Frame)] = frames.For(http), [nameof(AboutPage.Title)] = options.Value.Instance.TitleOr(options.Value.InstanceName),
                [nameof(AboutPage.Instance)] = options.Value.Instance,
            }));
        return app;
    }

    private static async Task<IResult> ShowAsync(HttpContext http, PageFrames frames, IClientAccountStore accounts, IFeedStore feeds,
        RankerCatalog catalog, CancellationToken ct)
    {
        var person = WebPerson.From(http.User)!;
        var account = await accounts.FindAsync(person.AccountId, ct);
        var saved = http.Request.Query["saved"] == "1";
        return await RenderAsync(frames.For(http), account?.Preference ?? RankingPreference.Default, feeds, catalog,
            saved ? "Saved. Your apps show the change the next time they load your timelines." : null, null, StatusCodes.Status200OK, ct);
    }

    /// <summary>Nothing changes unless the form's token is valid and the API's validation accepts it all.</summary>
    private static async Task<IResult> PostAsync(HttpContext http, IAntiforgery antiforgery, PageFrames frames, IClientAccountStore accounts,
        IFeedStore feeds, FollowingSync following, UpstreamSecrets secrets, RankerCatalog catalog, IRankingRunner runner,
        IOptions<ClientApiOptions> options, TimeProvider clock, CancellationToken ct)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
            return Messages.FormRefused(frames.For(http), Path);
        var person = WebPerson.From(http.User)!;
        if (await accounts.FindAsync(person.AccountId, ct) is not { } account)
            return Messages.Show(frames.For(http), StatusCodes.Status404NotFound, "No account", "Your account is gone from this service: sign in again.");
        var form = await http.Request.ReadFormAsync(ct);
        var home = form["home"].ToString();
        var ranker = home == Chronological ? Chronological
            : home.StartsWith(RankerChoice, StringComparison.Ordinal) ? home[RankerChoice.Length..] : null;
        var body = new RankingPreferenceBody(
            Feed: home.Length > 0 && ranker is null ? home : null,
            Ranker: ranker,
            Parameters: null,
            RecordInteractions: form["recordInteractions"] == "true",
            Lists: form["lists"].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList(),
            Trends: form["trends"].ToString());
        var (preference, refusal) = await ResolveAsync(body, account.Preference, feeds, catalog, runner, options.Value, clock, ct);
        if (preference is null)
            return await RenderAsync(frames.For(http), account.Preference, feeds, catalog, null, Plain(refusal!), StatusCodes.Status422UnprocessableEntity, ct);
        await accounts.SetPreferenceAsync(account.Id, preference, ct);
        // A web-only account has no upstream token: its following list is read when an app signs in.
        if (!preference.RecordInteractions || account.EncryptedUpstreamToken is { Length: > 0 })
        {
            try
            {
                var token = account.EncryptedUpstreamToken is { Length: > 0 } stored ? secrets.Unprotect(stored) : "";
                await following.PreferenceChangedAsync(account, token, preference, ct);
            }
            catch (CryptographicException)
            {
                // Keys replaced: the following list is read again at the next app login.
            }
        }
        return WebPage.SeeOther(Path + "?saved=1");
    }

    private const string Chronological = "chronological";

    /// <summary>The form's value for a ranker is this and its id; a feed's is its name, which has no colon.</summary>
    public const string RankerChoice = "ranker:";

    /// <summary>The API's refusal, in the page's words (no API paths).</summary>
    private static string Plain(Refusal refusal)
    {
        if (refusal.Field.StartsWith("parameters", StringComparison.Ordinal))
            return "Nothing was changed. What orders your home timeline: this ranker needs settings that only a feed or an app can give "
                + $"({refusal.Field["parameters".Length..].TrimStart('.')} {refusal.Problem.TrimEnd('.')}).";
        var what = refusal.Field switch
        {
            "feed" or "ranker" => "What orders your home timeline", "lists" => "Feeds read as lists", "trends" => "Trending posts",
            var f => f,
        };
        return $"Nothing was changed. {what}: {refusal.Problem.Replace("; see GET /api/v1/feeds.", ".", StringComparison.Ordinal)}";
    }

    /// <summary>Rankers a person can choose without writing settings: loaded, and every parameter has a
    /// default (recipes and scripts need theirs, so they are chosen through a feed or an app).</summary>
    private static IReadOnlyList<RankerMetadata> OfferedRankers(RankerCatalog catalog) =>
        catalog.Entries
            .Where(e => e.State == RankerState.Loaded && e.Metadata is not null && e.Id != Chronological)
            .Select(e => e.Metadata!)
            .Where(m => m.Parameters.All(p => p.Default is not null))
            .OrderBy(m => m.Id, StringComparer.Ordinal)
            .ToList();

    private static async Task<IResult> RenderAsync(PageFrame frame, RankingPreference preference, IFeedStore feeds, RankerCatalog catalog,
        string? saved, string? refused, int status, CancellationToken ct)
    {
        var offered = (await feeds.ListAsync(ct)).Where(f => f.Public).OrderBy(f => f.DisplayName, StringComparer.CurrentCulture).ToList();
        return WebPage.Render<SettingsPage>(new Dictionary<string, object?>
        {
            [nameof(SettingsPage.Frame)] = frame, [nameof(SettingsPage.Preference)] = preference, [nameof(SettingsPage.Feeds)] = offered,
            [nameof(SettingsPage.Rankers)] = OfferedRankers(catalog),
            [nameof(SettingsPage.Saved)] = saved, [nameof(SettingsPage.Refused)] = refused,
        }, status);
    }
}
