namespace Middleware.Ranking.Engine;

/// <summary>A ranker backed by a model that is fitted from stored signals, apart from ranking.
/// Ranking never fits; a refit replaces the model atomically when it succeeds and leaves the
/// previous one in place when it fails or overruns its budget.</summary>
public interface IRefittable
{
    /// <summary>The ranker's id, as in <see cref="RankerMetadata.Id"/>.</summary>
    string Id { get; }

    /// <summary>Fits the model again from the stored signals. Failures and budget overruns are
    /// reported in the result, not thrown; only cancellation by <paramref name="ct"/> throws.
    /// Concurrent calls run one after the other.</summary>
    Task<RefitReport> RefitAsync(CancellationToken ct);

    /// <summary>The report of the latest refit that finished (successfully or not), or null before the first.</summary>
    RefitReport? LastRefit { get; }
}

/// <summary>What one refit did, as <c>GET /api/admin/rankers</c> shows it.</summary>
public sealed record RefitReport
{
    /// <summary>When the refit started.</summary>
    public required DateTimeOffset Started { get; init; }

    /// <summary>Wall-clock time from start to finish, reading the signals included.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>True when a new model replaced the previous one.</summary>
    public required bool Succeeded { get; init; }

    /// <summary>Why the refit failed (including "exceeded its budget"), or null.</summary>
    public string? Error { get; init; }

    /// <summary>Signals read from the store.</summary>
    public int Signals { get; init; }

    /// <summary>(rater, post) ratings the model was fitted on, implicit negatives included.</summary>
    public int Ratings { get; init; }

    /// <summary>Of <see cref="Ratings"/>, how many are sampled implicit negatives (unobserved pairs).</summary>
    public int ImplicitNegatives { get; init; }

    /// <summary>Distinct raters (accounts).</summary>
    public int Raters { get; init; }

    /// <summary>Distinct posts.</summary>
    public int Posts { get; init; }

    /// <summary>Groups of accounts found acting together (each counts as at most one voice on any post).</summary>
    public int CoordinatedGroups { get; init; }

    /// <summary>Accounts in those groups.</summary>
    public int AccountsFlagged { get; init; }

    /// <summary>Time the coordination guard took, within <see cref="Duration"/>.</summary>
    public TimeSpan GuardDuration { get; init; }

    /// <summary>Fitting iterations run.</summary>
    public int Iterations { get; init; }

    /// <summary>The objective (weighted mean squared error plus regularisation) after the last iteration.</summary>
    public double FinalLoss { get; init; }
}
