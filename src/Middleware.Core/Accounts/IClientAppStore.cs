namespace Middleware.Core.Accounts;

/// <summary>Client apps registered with the service.</summary>
public interface IClientAppStore
{
    Task AddAsync(ClientApp app, CancellationToken ct = default);

    Task<ClientApp?> FindAsync(string clientId, CancellationToken ct = default);
}

/// <summary>People who logged in, and their ranking preference.</summary>
public interface IClientAccountStore
{
    /// <summary>Adds the account or, when it is known (same instance and upstream id), replaces its
    /// token and handle; the preference is kept. Returns the stored account.</summary>
    Task<ClientAccount> SaveLoginAsync(string instanceHost, string upstreamId, string acct, string actorUri,
        string encryptedUpstreamToken, CancellationToken ct = default);

    /// <summary>Adds the account of a person who signed in on the web pages or, when it is known,
    /// updates its handle and actor; its token and preference are kept. A new account has no upstream
    /// token (the web keeps none). Returns the stored account.</summary>
    Task<ClientAccount> SaveWebSignInAsync(string instanceHost, string upstreamId, string acct, string actorUri,
        CancellationToken ct = default);

    Task<ClientAccount?> FindAsync(long id, CancellationToken ct = default);

    Task SetPreferenceAsync(long id, RankingPreference preference, CancellationToken ct = default);
}

/// <summary>The OAuth grants the service hands out: pending logins, codes and tokens. Codes and
/// pending logins are single use: taking one deletes it.</summary>
public interface IOAuthGrantStore
{
    Task AddPendingLoginAsync(PendingLogin login, CancellationToken ct = default);

    /// <summary>Sets the home instance of a pending login; false when it is unknown or expired.</summary>
    Task<bool> SetPendingInstanceAsync(string state, string instanceHost, DateTimeOffset now, CancellationToken ct = default);

    Task<PendingLogin?> FindPendingLoginAsync(string state, DateTimeOffset now, CancellationToken ct = default);

    /// <summary>Removes and returns the pending login; null when unknown, used or expired.</summary>
    Task<PendingLogin?> TakePendingLoginAsync(string state, DateTimeOffset now, CancellationToken ct = default);

    Task AddCodeAsync(AuthorizationCode code, CancellationToken ct = default);

    /// <summary>Removes and returns the code; null when unknown, used or expired.</summary>
    Task<AuthorizationCode?> TakeCodeAsync(string codeHash, DateTimeOffset now, CancellationToken ct = default);

    Task AddTokenAsync(AccessToken token, CancellationToken ct = default);

    /// <summary>The token when it exists and is not revoked.</summary>
    Task<AccessToken?> FindTokenAsync(string tokenHash, CancellationToken ct = default);

    /// <summary>Revokes the token if it was issued to <paramref name="clientId"/> and is not revoked yet,
    /// and forgets its upstream token. Returns the token as it was (upstream token included, for
    /// revoking that too); null when it is unknown, another app's or already revoked.</summary>
    Task<AccessToken?> RevokeTokenAsync(string tokenHash, string clientId, DateTimeOffset now, CancellationToken ct = default);
}

/// <summary>The service's own app registrations at home instances.</summary>
public interface IUpstreamRegistrationStore
{
    Task<UpstreamRegistration?> FindAsync(string instanceHost, CancellationToken ct = default);

    /// <summary>Stores the registration unless one with the same redirect URI is already stored
    /// (another login registered first), and returns the stored one: every login then uses the
    /// same client at the instance.</summary>
    Task<UpstreamRegistration> SaveAsync(UpstreamRegistration registration, CancellationToken ct = default);
}
