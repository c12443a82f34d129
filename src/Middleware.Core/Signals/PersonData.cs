namespace Middleware.Core.Signals;

/// <summary>A post the service served to the person (table <c>impressions</c>).</summary>
/// <param name="Feed">The feed it was served in (<c>home</c> for the home timeline, <c>import</c> for imported data).</param>
public sealed record PersonImpression(string PostUri, string Feed, DateTimeOffset FirstServedAt, DateTimeOffset LastServedAt, int Times);

/// <summary>A "show less" stored as an interaction of kind <c>disagree</c> (imported, or recorded
/// through <c>ISignalRecorder</c>).</summary>
public sealed record PersonShowLess(string PostUri, DateTimeOffset At);

/// <summary>An account the person follows, as their home instance listed it (table <c>account_follows</c>).</summary>
public sealed record PersonFollow(string AccountUri, DateTimeOffset RecordedAt);

/// <summary>Everything the service recorded about one person because they read or acted through it.
/// Their public favourites, boosts and replies are the network's, not listed here.</summary>
/// <param name="FollowsReadAt">When their following list was last read from their home instance, if ever.</param>
public sealed record PersonData(
    IReadOnlyList<PersonSignal> Signals,
    IReadOnlyList<PersonImpression> Impressions,
    IReadOnlyList<PersonShowLess> ShowLess,
    IReadOnlyList<PersonFollow> Follows,
    DateTimeOffset? FollowsReadAt);

/// <summary>What a deletion removed, per kind.</summary>
public sealed record PersonDataDeleted(int Signals, int Impressions, int ShowLess, int Follows);

/// <summary>A person's right to see and delete what the service recorded about them, across the
/// tables that hold it (signals, impressions, "show less", their following list).</summary>
public interface IPersonDataStore
{
    /// <summary>Everything recorded about <paramref name="person"/> (an actor URI), read table by table.</summary>
    Task<PersonData> ReadAsync(string person, CancellationToken ct = default);

    /// <summary>Deletes all of it in one transaction.</summary>
    Task<PersonDataDeleted> DeleteAsync(string person, CancellationToken ct = default);
}
