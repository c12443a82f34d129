namespace Middleware.Server.Feeds.Open;

/// <summary>How the open feed API keeps rankings (<c>Middleware:OpenFeeds</c>).</summary>
public sealed class OpenFeedOptions
{
    public const string Section = "Middleware:OpenFeeds";

    /// <summary>Posts ranked into one snapshot: how deep a reader can page.</summary>
    public int SnapshotSize { get; set; } = 500;

    /// <summary>Snapshots kept at once; the oldest goes first.</summary>
    public int MaxSnapshots { get; set; } = 256;

    /// <summary>How long a snapshot (and so its cursors) lives.</summary>
    public double SnapshotMinutes { get; set; } = 15;

    /// <summary>How long a first page reuses the current snapshot instead of ranking again.</summary>
    public double FreshSeconds { get; set; } = 30;

    /// <summary>How long a feed definition read from the store is trusted (changes show after this).</summary>
    public double DefinitionSeconds { get; set; } = 2;

    /// <summary>Entries in the Atom feed.</summary>
    public int AtomEntries { get; set; } = 30;

    /// <summary>Snapshots ranked for signed-in viewers kept at once (each viewer's own ranking); the
    /// least recently used go first.</summary>
    public int MaxViewerSnapshots { get; set; } = 500;

    /// <summary>Rankings for signed-in viewers run at once; more wait their turn.</summary>
    public int MaxViewerRankings { get; set; } = 2;
}
