namespace Middleware.Core.Feeds;

/// <summary>Which authors allow their posts to be shown to people who do not follow them: their
/// account is <c>discoverable</c>, and <c>indexable</c> where the server says (FEP-5feb). Unknown
/// authors do not consent.</summary>
public interface IDiscoveryConsent
{
    Task<IReadOnlySet<string>> ConsentingAsync(IReadOnlyCollection<string> authors, CancellationToken ct = default);
}
