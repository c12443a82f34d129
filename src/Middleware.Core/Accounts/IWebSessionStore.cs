namespace Middleware.Core.Accounts;

/// <summary>A web sign-in between the handle form and the home instance's callback.</summary>
/// <param name="State">The OAuth state sent to the home instance: random, single use.</param>
/// <param name="ReturnPath">The local page to go back to afterwards (checked before it is stored).</param>
/// <param name="InstanceHost">The home instance the person named.</param>
/// <param name="BrowserBindingHash">SHA-256 of the cookie given to the browser that posted the form;
/// the callback must bring that cookie back (ADR 0017).</param>
/// <param name="ExpiresAt">After this the callback is refused.</param>
public sealed record PendingWebSignIn(string State, string ReturnPath, string InstanceHost, string BrowserBindingHash, DateTimeOffset ExpiresAt);

/// <summary>A signed-in browser: whose account, until when. The cookie's value is never stored,
/// only its SHA-256.</summary>
public sealed record WebSession(string TokenHash, long AccountId, string Acct, string ActorUri, DateTimeOffset ExpiresAt);

/// <summary>Web sign-ins in progress and the sessions they end in.</summary>
public interface IWebSessionStore
{
    Task AddSignInAsync(PendingWebSignIn signIn, CancellationToken ct = default);

    /// <summary>Removes and returns the sign-in; null when unknown, used or expired.</summary>
    Task<PendingWebSignIn?> TakeSignInAsync(string state, DateTimeOffset now, CancellationToken ct = default);

    /// <summary>Stores a session for the account (and forgets expired ones).</summary>
    Task AddSessionAsync(string tokenHash, long accountId, DateTimeOffset createdAt, DateTimeOffset expiresAt, CancellationToken ct = default);

    /// <summary>The session with the account it belongs to; null when unknown or expired.</summary>
    Task<WebSession?> FindSessionAsync(string tokenHash, DateTimeOffset now, CancellationToken ct = default);

    /// <summary>Ends the session (sign-out); false when there was none.</summary>
    Task<bool> DeleteSessionAsync(string tokenHash, CancellationToken ct = default);
}

/// <summary>Whether a person agreed to the vote page recording their votes (asked once).</summary>
public interface IVoteConsentStore
{
    Task<bool> HasConsentedAsync(long accountId, CancellationToken ct = default);

    /// <summary>Records the consent; agreeing again keeps the first time.</summary>
    Task ConsentAsync(long accountId, DateTimeOffset at, CancellationToken ct = default);
}
