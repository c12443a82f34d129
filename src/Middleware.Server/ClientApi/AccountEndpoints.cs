using Middleware.Core.Accounts;

namespace Middleware.Server.ClientApi;

/// <summary><c>GET /api/v1/accounts/verify_credentials</c>: the person's own account, as their home
/// instance describes it.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapClientAccounts(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/accounts/verify_credentials", VerifyCredentialsAsync);
        return app;
    }

    /// <summary>Asks the home instance with the person's token and returns its answer unchanged;
    /// 401 for an invalid token, 422 for an app token, 502/504 when the instance fails.</summary>
    private static async Task<IResult> VerifyCredentialsAsync(HttpRequest http, ClientCallers callers, HomeInstanceClient home, CancellationToken ct)
    {
        var (caller, error) = await callers.ResolveAsync(http, userRequired: true, ct,
            ClientScopes.OwnProfile);
        if (caller is null)
            return error!;
        try
        {
            var answer = await home.SendAsync(caller.Account!.InstanceHost, HttpMethod.Get, "/api/v1/accounts/verify_credentials",
                caller.UpstreamToken, null, ct);
            return new ForwardedAnswer(answer);
        }
        catch (UpstreamException e)
        {
            return e.ToResult();
        }
    }
}
