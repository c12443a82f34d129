namespace Middleware.Core.Signals;

/// <summary>The signals people give through the service (feed interactions, votes): stored only for
/// people who agreed to it, one per (person, post, event), readable and deletable by the person.</summary>
public interface IPersonSignalStore
{
    /// <summary>Stores each signal once per (person, post, event); a repeat is counted and left as it
    /// was, so a client that sends a batch twice changes nothing. The batch is one transaction. A vote
    /// follows <see cref="RecordVoteAsync"/>'s rule (a changed vote counts as stored, the same vote as a
    /// repeat); a signal about a post that is not stored (deleted meanwhile) is neither.</summary>
    Task<SignalWriteResult> RecordAsync(IReadOnlyList<PersonSignal> signals, CancellationToken ct = default);

    /// <summary>Which of <paramref name="postUris"/> are stored posts a person may give signals about
    /// (public or unlisted; a followers-only or direct post is answered as unknown, so that asking
    /// cannot confirm it exists).</summary>
    Task<IReadOnlySet<string>> KnownPostsAsync(IReadOnlyCollection<string> postUris, CancellationToken ct = default);

    /// <summary>A vote (<see cref="SignalEvent.Agree"/>, <see cref="SignalEvent.Disagree"/> or
    /// <see cref="SignalEvent.Pass"/>) replaces the person's earlier vote on the post in that feed; the
    /// same vote again changes nothing. Returns true when something changed.</summary>
    Task<bool> RecordVoteAsync(PersonSignal vote, CancellationToken ct = default);

    /// <summary>The person's votes in a feed, by post URI.</summary>
    Task<IReadOnlyDictionary<string, SignalEvent>> VotesAsync(string person, string feed, CancellationToken ct = default);

    /// <summary>Everything stored here about the person, newest first.</summary>
    Task<IReadOnlyList<PersonSignal>> ListAsync(string person, CancellationToken ct = default);

    /// <summary>Deletes every signal of the person; returns how many.</summary>
    Task<int> DeleteAllAsync(string person, CancellationToken ct = default);
}
