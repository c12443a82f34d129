namespace Middleware.Core.Accounts;

/// <summary>A Mastodon client app registered with the service through <c>POST /api/v1/apps</c>.
/// Its secret is stored as a SHA-256 hash, like the tokens.</summary>
public sealed record ClientApp(
    string ClientId,
    string ClientSecretHash,
    string Name,
    string? Website,
    IReadOnlyList<string> RedirectUris,
    string Scopes,
    DateTimeOffset CreatedAt);

/// <summary>A person who logged in through the service: their account at their home instance and
/// the token that instance gave us (encrypted by the host before it gets here).</summary>
public sealed record ClientAccount(
    long Id,
    string InstanceHost,
    string UpstreamId,
    string Acct,
    string ActorUri,
    string EncryptedUpstreamToken,
    RankingPreference Preference);

/// <summary>How a person's home timeline is ordered: by a feed they chose (its ranker, parameters and
/// any posts it adds), or else by a ranker with parameters. The default ranks chronologically and
/// records nothing about them (no profiling).</summary>
/// <param name="Ranker">The ranker used when no feed is chosen (and when the chosen feed is gone).</param>
/// <param name="ParametersJson">That ranker's parameters, a JSON object.</param>
/// <param name="RecordInteractions">Opted in to recording interactions and impressions.</param>
/// <param name="Feed">The name of the chosen feed, or null.</param>
/// <param name="ListFeeds">Feeds the person reads as lists in their apps (<c>GET /api/v1/lists</c>), in
/// their order; null or empty for none.</param>
/// <param name="TrendsFeed">The feed answering their apps' trending posts
/// (<c>GET /api/v1/trends/statuses</c>); null for the instance's default.</param>
public sealed record RankingPreference(string Ranker, string ParametersJson, bool RecordInteractions, string? Feed = null,
    IReadOnlyList<string>? ListFeeds = null, string? TrendsFeed = null)
{
    public static RankingPreference Default { get; } = new("chronological", "{}", false);

    /// <summary>The feeds read as lists, never null.</summary>
    public IReadOnlyList<string> Lists => ListFeeds ?? [];

    /// <summary>True when something other than the plain chronological order was chosen for home.</summary>
    public bool RanksHome => Feed is not null || Ranker != Default.Ranker;

    public bool Equals(RankingPreference? other) =>
        other is not null && Ranker == other.Ranker && ParametersJson == other.ParametersJson
        && RecordInteractions == other.RecordInteractions && Feed == other.Feed && TrendsFeed == other.TrendsFeed
        && Lists.SequenceEqual(other.Lists, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Ranker, ParametersJson, RecordInteractions, Feed, TrendsFeed, Lists.Count);
}

/// <summary>The authorize step between the handle form and the home instance's callback.
/// <see cref="State"/> is the OAuth state sent to the home instance. <see cref="BrowserBindingHash"/>
/// is the SHA-256 of the cookie given to the browser that opened the form; the form post and the
/// callback must bring that cookie back (null only for rows older than the column: refused).</summary>
public sealed record PendingLogin(
    string State,
    string ClientId,
    string RedirectUri,
    string Scopes,
    string? AppState,
    string? CodeChallenge,
    string? CodeChallengeMethod,
    string? InstanceHost,
    DateTimeOffset ExpiresAt,
    string? BrowserBindingHash = null);

/// <summary>An authorization code we issued (stored by hash), redeemable once before it expires.
/// <see cref="EncryptedUpstreamToken"/> is the home instance's token from this very login (encrypted
/// by the host); it passes to the access token, so each grant keeps its own upstream scopes.</summary>
public sealed record AuthorizationCode(
    string CodeHash,
    string ClientId,
    long AccountId,
    string RedirectUri,
    string Scopes,
    string? CodeChallenge,
    string? CodeChallengeMethod,
    DateTimeOffset ExpiresAt,
    string? EncryptedUpstreamToken = null);

/// <summary>An access token we issued (stored by hash). <see cref="AccountId"/> is null for an
/// app's own token (client_credentials). <see cref="EncryptedUpstreamToken"/> is the upstream token
/// of the login that granted it; null for an app's own token and for tokens issued before upstream
/// tokens were kept per grant (those use the account's token).</summary>
public sealed record AccessToken(string TokenHash, string ClientId, long? AccountId, string Scopes, DateTimeOffset CreatedAt,
    string? EncryptedUpstreamToken = null);

/// <summary>The service's registration as an app at one home instance.</summary>
public sealed record UpstreamRegistration(string InstanceHost, string ClientId, string EncryptedClientSecret, string RedirectUri);
