using Middleware.Ranking.Plugins;

namespace Middleware.Ranking;

/// <summary>The <c>Middleware:Ranking</c> configuration section.</summary>
public sealed class RankingOptions
{
    public const string Section = "Middleware:Ranking";

    /// <summary>Wall-clock time one ranking may take before the host stops waiting for it and falls
    /// back to chronological order.</summary>
    public TimeSpan TimeBudget { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Folder with one sub-folder per plugin (its manifest and assemblies). Relative paths
    /// are resolved against the service's content root. When it does not exist, no plugins load.</summary>
    public string PluginsPath { get; set; } = "ranking-plugins/bin";

    /// <summary>Which plugin folders may load (<c>Middleware:Ranking:Plugins</c>).</summary>
    public PluginTrustOptions Plugins { get; set; } = new();
}
