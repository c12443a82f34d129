using Microsoft.AspNetCore.Http.HttpResults;
using Middleware.Server.Configuration;

namespace Middleware.Server.Edges;

/// <summary>The service's error answers: RFC 9457 problem documents whose <c>type</c> names the problem
/// (documented in docs/client-api.md, "Errors"), with an <c>error</c> member as well, because Mastodon
/// apps read <c>error</c> (<see cref="ProblemSetup"/> adds it where it is missing).</summary>
public static class Problems
{
    public const string TooManyRequests = "too-many-requests";
    public const string MalformedJson = "malformed-json";
    public const string UnsupportedMediaType = "unsupported-media-type";
    public const string InvalidRequest = "invalid-request";
    public const string NotFound = "not-found";
    public const string MethodNotAllowed = "method-not-allowed";
    public const string ServerError = "server-error";
    public const string HttpStatus = "http-status";

    /// <summary>The <c>type</c> URI of a problem: its section in the client API documentation.</summary>
    public static string Type(string slug) => $"{ServiceInfo.Repository}/blob/main/docs/client-api.md#{slug}";

    /// <summary>A problem answer; <paramref name="members"/> go beside the standard ones (e.g. <c>field</c>,
    /// or Doorkeeper's <c>error</c> and <c>error_description</c>).</summary>
    public static ProblemHttpResult Result(int status, string slug, string title, string detail,
        IDictionary<string, object?>? members = null) =>
        TypedResults.Problem(detail, statusCode: status, title: title, type: Type(slug), extensions: members);

    public const string Unauthorized = "unauthorized";
    public const string PayloadTooLarge = "payload-too-large";
    public const string Unavailable = "unavailable";

    /// <summary>A problem named by its status alone (the detail says the rest).</summary>
    public static ProblemHttpResult ForStatus(int status, string detail, IDictionary<string, object?>? members = null)
    {
        var (slug, title) = status switch
        {
            400 => (InvalidRequest, "Invalid request"),
            401 => (Unauthorized, "Unauthorized"),
            404 => (NotFound, "Not found"),
            413 => (PayloadTooLarge, "Payload too large"),
            415 => (UnsupportedMediaType, "Unsupported media type"),
            429 => (TooManyRequests, "Too many requests"),
            503 => (Unavailable, "Service unavailable"),
            _ => (HttpStatus, $"Status {status}"),
        };
        return Result(status, slug, title, detail, members);
    }

    /// <summary>400 for a body that is not JSON (or not the JSON expected), naming what was wrong.</summary>
    public static ProblemHttpResult Malformed(string detail, IDictionary<string, object?>? members = null) =>
        Result(StatusCodes.Status400BadRequest, MalformedJson, "Malformed JSON body", detail, members);

    /// <summary>415 for a body in a media type the endpoint does not read.</summary>
    public static ProblemHttpResult WrongMediaType(string detail, IDictionary<string, object?>? members = null) =>
        Result(StatusCodes.Status415UnsupportedMediaType, UnsupportedMediaType, "Unsupported media type", detail, members);
}
