using Middleware.Core.Feeds;

namespace Middleware.Server.Feeds.Open;

/// <summary>The answers every open feed endpoint shares: which feeds exist for the public, and the
/// error shapes (<c>{"error", "field"}</c>, as the admin API answers).</summary>
internal static class OpenFeedErrors
{
    /// <summary>The feed when it exists and is public; a private feed is answered as if absent.</summary>
    public static async Task<Feed?> FindPublicAsync(IFeedStore feeds, string name, CancellationToken ct) =>
        await feeds.FindAsync(name, ct) is { Public: true } feed ? feed : null;

    public static IResult NoFeed(string name) =>
        TypedResults.NotFound(new { error = $"There is no public feed '{name}'." });

    public static IResult BadRequest(string field, string problem) =>
        TypedResults.BadRequest(new { error = $"{field}: {problem}", field });
}
