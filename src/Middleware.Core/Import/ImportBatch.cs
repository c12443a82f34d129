using Middleware.Core.Posts;

namespace Middleware.Core.Import;

/// <summary>What an imported interaction record says happened.</summary>
public enum ImportedKind
{
    Favourite,
    Boost,
    Reply,
    Disagree,
    Seen,
}

/// <summary>One imported post, with the line it came from.</summary>
public sealed record ImportedPost(int Line, Post Post);

/// <summary>One imported interaction, with the line it came from.</summary>
public sealed record ImportedInteraction(int Line, ImportedKind Kind, string Actor, string PostUri, DateTimeOffset At);

/// <summary>One imported account fact: when the account was created, with the line it came from.</summary>
/// <summary>An account record: when it was created and, when the record says so, whether its author
/// consents to discovery and indexing (as its actor document's <c>discoverable</c>/<c>indexable</c>).</summary>
public sealed record ImportedAccount(int Line, string Uri, DateTimeOffset Created, bool? Discoverable = null, bool? Indexable = null);

/// <summary>Recorded data to add in one piece: all of it or none.</summary>
public sealed record ImportBatch(IReadOnlyList<ImportedPost> Posts, IReadOnlyList<ImportedInteraction> Interactions)
{
    /// <summary>When accounts were created (evidence for the coordination guard).</summary>
    public IReadOnlyList<ImportedAccount> Accounts { get; init; } = [];

    public bool IsEmpty => Posts.Count == 0 && Interactions.Count == 0 && Accounts.Count == 0;
}

/// <summary>A line that cannot be imported, and why.</summary>
public sealed record ImportProblem(int Line, string Error);

/// <summary>What an import did. When <see cref="Problems"/> is not empty nothing was stored.</summary>
public sealed record ImportOutcome(
    int PostsAdded,
    int PostsAlreadyStored,
    int InteractionsAdded,
    int InteractionsAlreadyStored,
    int Impressions,
    IReadOnlyList<ImportProblem> Problems)
{
    /// <summary>Accounts whose creation time was recorded (deleted accounts are skipped).</summary>
    public int AccountsRecorded { get; init; }

    public bool Applied => Problems.Count == 0;

    public static ImportOutcome Refused(IReadOnlyList<ImportProblem> problems) => new(0, 0, 0, 0, 0, problems);
}

/// <summary>Applies an import in one transaction, so a bad record leaves the store as it was.</summary>
public interface IImportStore
{
    Task<ImportOutcome> ImportAsync(ImportBatch batch, CancellationToken ct = default);
}
