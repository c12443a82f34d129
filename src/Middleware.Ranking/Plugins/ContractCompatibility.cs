namespace Middleware.Ranking.Plugins;

/// <summary>Whether a plugin built for one contract version can run on this host's
/// <see cref="RankingContract"/>: the major versions must be equal (a major change breaks plugins)
/// and the plugin's minor version must not be newer (it may use members this host lacks).</summary>
public static class ContractCompatibility
{
    /// <summary>Null when a plugin built for <paramref name="contractVersion"/> (<c>major.minor</c>)
    /// can load here; otherwise why not, naming both versions.</summary>
    public static string? Problem(string contractVersion)
    {
        var parts = contractVersion.Split('.');
        if (parts.Length != 2 || !int.TryParse(parts[0], out var major) || !int.TryParse(parts[1], out var minor))
            return $"Contract version \"{contractVersion}\" is not \"major.minor\".";
        if (major == RankingContract.Major && minor <= RankingContract.Minor)
            return null;
        var why = major != RankingContract.Major
            ? "the major versions differ"
            : "it is newer than this service's";
        return $"Built for ranking contract {major}.{minor}, but this service implements contract {RankingContract.Version}; {why}. " +
               $"Rebuild the plugin against contract {RankingContract.Major}.x (at most {RankingContract.Version}), or update the service.";
    }
}
