namespace Middleware.Core.Ranking;

/// <summary>A post's text fingerprint (<see cref="Posts.TextFingerprint"/>), by author and time.</summary>
public readonly record struct PostFingerprint(string Author, ulong Fingerprint, DateTimeOffset Published);

/// <summary>What is known about accounts besides their signals, for the coordination guard: when
/// accounts were created, and fingerprints of the texts they wrote.</summary>
/// <param name="Created">Creation time by actor URI, for the accounts known (actor documents' <c>published</c>, imports).</param>
/// <param name="Texts">Fingerprints of the posts published since the lookback began.</param>
public sealed record AccountEvidence(IReadOnlyDictionary<string, DateTimeOffset> Created, IReadOnlyList<PostFingerprint> Texts)
{
    public static AccountEvidence None { get; } = new(new Dictionary<string, DateTimeOffset>(), []);
}

/// <summary>Reads <see cref="AccountEvidence"/> for a refit.</summary>
public interface IAccountEvidenceSource
{
    /// <summary>Creation times of the accounts with signals since <paramref name="since"/>, and the
    /// fingerprints of posts published since then.</summary>
    Task<AccountEvidence> ReadAsync(DateTimeOffset since, CancellationToken ct = default);
}
