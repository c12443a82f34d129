using Middleware.Core.Posts;
using Middleware.Core.Ranking;

namespace Middleware.Synthetic;

/// <summary>A synthetic audience's account creation times and post fingerprints, served as the store
/// would serve them: for tests and benchmarks of the coordination guard.</summary>
public sealed class SyntheticAccountEvidence(SyntheticData data) : IAccountEvidenceSource
{
    public Task<AccountEvidence> ReadAsync(DateTimeOffset since, CancellationToken ct = default)
    {
        var texts = data.Posts
            .Where(p => p.Published >= since && TextFingerprint.Of(p.Text) is not null)
            .Select(p => new PostFingerprint(p.Author, TextFingerprint.Of(p.Text)!.Value, p.Published))
            .ToList();
        return Task.FromResult(new AccountEvidence(data.AccountsCreated, texts));
    }
}
