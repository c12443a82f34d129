namespace Middleware.Server.Feeds.Open;

/// <summary>The error shapes every open feed endpoint shares (<c>{"error", "field"}</c>, as the admin API answers).</summary>
internal static class OpenFeedErrors
{
    public static IResult NoFeed(string name) =>
        TypedResults.NotFound(new { error = $"There is no public feed '{name}'." });

    public static IResult BadRequest(string field, string problem) =>
        TypedResults.BadRequest(new { error = $"{field}: {problem}", field });
}
