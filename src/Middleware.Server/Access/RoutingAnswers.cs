using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Middleware.Server.Access;

/// <summary>The fallback policy closes every mapped endpoint that names no policy. A request that
/// matched no endpoint (routing's 404) or only routing's own 405 answer has nothing to protect, so
/// it goes on to that answer instead of a request for the admin token.</summary>
public sealed class RoutingAnswers : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler inner = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult) =>
        !authorizeResult.Succeeded && context.GetEndpoint() is not RouteEndpoint
            ? next(context)
            : inner.HandleAsync(next, context, policy, authorizeResult);
}
