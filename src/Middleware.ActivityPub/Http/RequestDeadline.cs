namespace Middleware.ActivityPub.Http;

/// <summary>
/// The total deadline of one request, handed from <see cref="GuardedRedirectHandler"/> to
/// <see cref="BoundedBody"/> through the request options so reading the body counts too.
/// </summary>
internal readonly record struct RequestDeadline(CancellationToken Token, TimeSpan Timeout)
{
    public static readonly HttpRequestOptionsKey<RequestDeadline> Key = new("Middleware.Http.RequestDeadline");
}
