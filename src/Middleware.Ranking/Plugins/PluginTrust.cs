using System.Collections.Frozen;
using System.Security.Cryptography;
using Middleware.Ranking.Engine;

namespace Middleware.Ranking.Plugins;

/// <summary>Decides, from the bytes of a plugin's main assembly and before anything of it is loaded,
/// whether the operator allowed it: listed with this SHA-256, or unlisted while unlisted plugins are
/// allowed (development only).</summary>
public sealed class PluginTrust
{
    private const string Setting = "Middleware:Ranking:Plugins:Allowed";
    private readonly FrozenDictionary<string, string> allowed;

    /// <param name="allowUnlisted">Already decided for the environment by the caller.</param>
    public PluginTrust(IEnumerable<AllowedPlugin> allowed, bool allowUnlisted)
    {
        // The last entry for an id wins, as configuration overrides do.
        this.allowed = allowed
            .Where(a => !string.IsNullOrWhiteSpace(a.Id))
            .GroupBy(a => a.Id.Trim(), StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Last().Sha256.Trim().ToLowerInvariant(), StringComparer.Ordinal);
        AllowsUnlisted = allowUnlisted;
    }

    /// <summary>Only listed plugins load.</summary>
    public static PluginTrust ListedOnly(params AllowedPlugin[] allowed) => new(allowed, allowUnlisted: false);

    public bool AllowsUnlisted { get; }

    /// <summary>Lower-case hex SHA-256, as <c>sha256sum</c> prints it.</summary>
    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>True when the plugin is listed with this hash, false when it is unlisted but unlisted
    /// plugins are allowed; otherwise throws the refusal (<see cref="RankerState.NotAllowed"/> or
    /// <see cref="RankerState.HashMismatch"/>).</summary>
    internal bool Check(string id, string assemblyName, byte[] assembly)
    {
        var actual = Sha256(assembly);
        if (allowed.TryGetValue(id, out var expected))
        {
            return expected == actual ? true : throw new PluginRefusedException(RankerState.HashMismatch,
                $"The SHA-256 of {assemblyName} is {actual}, but {Setting} lists {(expected.Length > 0 ? expected : "an empty hash")} for '{id}'; " +
                "the file is not the one that was allowed. Not loaded.");
        }
        if (AllowsUnlisted)
            return false;
        throw new PluginRefusedException(RankerState.NotAllowed,
            $"'{id}' is not listed in {Setting}, so it was not loaded. If you trust it, add an entry with Id \"{id}\" " +
            $"and Sha256 \"{actual}\" (the SHA-256 of {assemblyName}; compare it with the one its author published).");
    }
}
