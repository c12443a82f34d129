using Middleware.Core.Ranking;
using Middleware.Data.Coordination;

namespace Middleware.Data.Ranking;

/// <inheritdoc />
public sealed class AsOfSources(IDbConnectionFactory db) : IAsOfSources
{
    public IRatingSource Ratings(DateTimeOffset asOf) => new RatingSource(db, asOf);

    public IAccountEvidenceSource Accounts(DateTimeOffset asOf) => new AccountEvidenceSource(db, asOf);
}
