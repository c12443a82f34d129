namespace Middleware.Ranking.Tests.Bridging;

/// <summary>Tests that fit models on synthetic audiences take both cores for seconds; they run on
/// their own, after the others, so that the runner's timing tests (300 ms budgets) are not starved.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BridgingFitsCollection
{
    public const string Name = "Bridging fits";
}
