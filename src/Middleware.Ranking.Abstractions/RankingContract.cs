namespace Middleware.Ranking;

/// <summary>The version of this contract. A plugin's manifest names the contract version it was
/// built for; the host loads plugins whose major version equals <see cref="Major"/> and whose minor
/// version is at most <see cref="Minor"/> (a plugin built for a newer contract is refused).</summary>
public static class RankingContract
{
    /// <summary>Changes that break plugins raise this.</summary>
    public const int Major = 1;

    /// <summary>Additions that older plugins do not notice raise this.</summary>
    public const int Minor = 1;

    /// <summary><c>Major.Minor</c>, as written in plugin manifests.</summary>
    public static string Version => $"{Major}.{Minor}";
}
