namespace Middleware.Server.ClientApi;

/// <summary>The home instance could not be used: 502 (unreachable, refused or a bad answer) or
/// 504 (it did not answer in time). Endpoints turn it into a JSON error with that status.</summary>
public sealed class UpstreamException(int status, string message, Exception? inner = null) : Exception(message, inner)
{
    public int Status { get; } = status;

    public IResult ToResult() => Results.Json(new { error = Message }, statusCode: Status);
}
