namespace Middleware.Server.ClientApi;

/// <summary>The scopes the service's own endpoints ask of a token, as Mastodon's controllers declare
/// them with Doorkeeper: any one of the listed scopes is enough, and each list names the parent
/// scope beside the child (<c>read</c> beside <c>read:statuses</c>), so a token granted <c>read</c>
/// passes where <c>read:statuses</c> is asked. Pass-through calls need none here: they carry the
/// grant's own upstream token, and the home instance checks its scopes.</summary>
public static class ClientScopes
{
    public static readonly IReadOnlyList<string> ReadStatuses = ["read", "read:statuses"];
    public static readonly IReadOnlyList<string> ReadAccounts = ["read", "read:accounts"];
    public static readonly IReadOnlyList<string> WriteAccounts = ["write", "write:accounts"];
    public static readonly IReadOnlyList<string> ReadLists = ["read", "read:lists"];
    public static readonly IReadOnlyList<string> WriteLists = ["write", "write:lists"];

    /// <summary>verify_credentials: Mastodon also lets the <c>profile</c> scope (sign in only) read it.</summary>
    public static readonly IReadOnlyList<string> OwnProfile = ["read", "read:accounts", "profile"];

    /// <summary>Mastodon's answer (403) to a token without the scope an endpoint needs.</summary>
    public static IResult Refusal() =>
        Results.Json(new { error = "This action is outside the authorized scopes" }, statusCode: StatusCodes.Status403Forbidden);

    /// <summary>True when the token was granted at least one of <paramref name="anyOf"/>.</summary>
    public static bool Allow(string grantedScopes, IReadOnlyList<string> anyOf)
    {
        var granted = grantedScopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return anyOf.Any(scope => granted.Contains(scope, StringComparer.Ordinal));
    }
}
