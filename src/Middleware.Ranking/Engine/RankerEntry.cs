namespace Middleware.Ranking.Engine;

/// <summary>Where a ranker comes from.</summary>
public enum RankerOrigin
{
    BuiltIn,
    Plugin,
}

/// <summary>Whether a ranker can be used.</summary>
public enum RankerState
{
    /// <summary>Loaded and usable.</summary>
    Loaded,
    /// <summary>Built for a contract version this host cannot run (another major version, or a newer minor one); not loaded.</summary>
    Incompatible,
    /// <summary>Could not be loaded (bad manifest, missing assembly, no ranker type, constructor threw).</summary>
    Failed,
    /// <summary>A plugin folder the operator has not listed in <c>Middleware:Ranking:Plugins:Allowed</c>; not loaded.</summary>
    NotAllowed,
    /// <summary>Listed, but its main assembly's SHA-256 is not the listed one; not loaded.</summary>
    HashMismatch,
}

/// <summary>One ranker the catalog knows of, usable or not, as <c>GET /api/admin/rankers</c> shows it.</summary>
/// <param name="Id">The ranker's id (for a plugin that failed before its metadata was known: the manifest's id or the folder name).</param>
/// <param name="Location">For plugins, the folder it was loaded from.</param>
public sealed record RankerEntry(string Id, RankerOrigin Origin, RankerState State, IRanker? Ranker, RankerMetadata? Metadata, string? Error, string? Location = null)
{
    public static RankerEntry BuiltIn(IRanker ranker) =>
        new(ranker.Metadata.Id, RankerOrigin.BuiltIn, RankerState.Loaded, ranker, ranker.Metadata, null);
}
