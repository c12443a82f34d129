namespace Middleware.Core.Ranking;

/// <summary>Replay: the readers a model is fitted from, limited to what was recorded before a past
/// moment, so a model fitted for that moment cannot learn from what came after it.</summary>
public interface IAsOfSources
{
    /// <summary>The rating signals recorded before <paramref name="asOf"/>.</summary>
    IRatingSource Ratings(DateTimeOffset asOf);

    /// <summary>The account evidence (creation times, text fingerprints) known before <paramref name="asOf"/>.</summary>
    IAccountEvidenceSource Accounts(DateTimeOffset asOf);
}
