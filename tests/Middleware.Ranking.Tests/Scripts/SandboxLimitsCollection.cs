namespace Middleware.Ranking.Tests.Scripts;

/// <summary>Tests that spin a core until a sandbox limit stops them run on their own, so that they
/// neither slow other tests past their time budgets nor get slowed past their own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SandboxLimitsCollection
{
    public const string Name = "Sandbox limits";
}
