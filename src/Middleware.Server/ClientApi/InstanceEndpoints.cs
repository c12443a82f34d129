using Microsoft.Extensions.Options;
using Middleware.ActivityPub.Actors;
using Middleware.Server.Configuration;

namespace Middleware.Server.ClientApi;

/// <summary><c>GET /api/v1/instance</c> and <c>/api/v2/instance</c>: the service described in
/// Mastodon's Instance entity shapes, so apps accept it as a server and enable their features.</summary>
public static class InstanceEndpoints
{
    /// <summary>Apps read the Mastodon version to decide which features to use; the part in
    /// brackets says what actually answers.</summary>
    public const string CompatibleVersion = "4.3.0 (compatible; Middleware " + ServiceInfo.Version + ")";

    public static IEndpointRouteBuilder MapInstance(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/instance", (LocalUrls urls, IOptions<MiddlewareOptions> options) => Results.Json(V1(urls, options.Value)));
        app.MapGet("/api/v2/instance", (LocalUrls urls, IOptions<MiddlewareOptions> options) => Results.Json(V2(urls, options.Value)));
        return app;
    }

    private const string Description =
        "A feed service: sign in with your own fediverse account and read your home timeline ranked by the feed you choose.";

    // Posting limits are the home instance's in truth; Mastodon's defaults are what apps expect.
    private static object Statuses => new { max_characters = 500, max_media_attachments = 4, characters_reserved_per_url = 23 };

    private static object Media => new
    {
        supported_mime_types = new[] { "image/jpeg", "image/png", "image/gif", "image/webp", "video/mp4" },
        image_size_limit = 16777216, image_matrix_limit = 33177600, video_size_limit = 103809024,
        video_frame_rate_limit = 120, video_matrix_limit = 8294400,
    };

    private static object Polls => new { max_options = 4, max_characters_per_option = 50, min_expiration = 300, max_expiration = 2629746 };

    private static object V1(LocalUrls urls, MiddlewareOptions options) => new
    {
        uri = urls.Host,
        title = options.Instance.TitleOr(options.InstanceName),
        short_description = Description,
        description = Description,
        email = options.Instance.ContactEmail,
        version = CompatibleVersion,
        urls = new { streaming_api = "" },
        stats = new { user_count = 0, status_count = 0, domain_count = 0 },
        thumbnail = (string?)null,
        languages = new[] { "en" },
        registrations = false,
        approval_required = false,
        invites_enabled = false,
        configuration = new { accounts = new { max_featured_tags = 10 }, statuses = Statuses, media_attachments = Media, polls = Polls },
        contact_account = (object?)null,
        rules = Array.Empty<object>(),
    };

    private static object V2(LocalUrls urls, MiddlewareOptions options) => new
    {
        domain = urls.Host,
        title = options.Instance.TitleOr(options.InstanceName),
        version = CompatibleVersion,
        source_url = ServiceInfo.Repository,
        description = Description,
        usage = new { users = new { active_month = 0 } },
        thumbnail = new { url = $"{urls.Base}/favicon.ico" },
        languages = new[] { "en" },
        configuration = new
        {
            urls = new { streaming = "" },
            accounts = new { max_featured_tags = 10, max_pinned_statuses = 5 },
            statuses = Statuses,
            media_attachments = Media,
            polls = Polls,
            translation = new { enabled = false },
        },
        registrations = new { enabled = false, approval_required = false, message = (string?)null },
        contact = new { email = options.Instance.ContactEmail, account = (object?)null },
        rules = Array.Empty<object>(),
    };
}
