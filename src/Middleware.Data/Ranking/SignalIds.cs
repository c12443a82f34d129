using System.Security.Cryptography;
using System.Text;

namespace Middleware.Data.Ranking;

/// <summary>Stable ids for interactions that did not arrive as activities (local feedback,
/// imported records), so recording the same thing twice stores it once.</summary>
internal static class SignalIds
{
    public static string Disagreement(string viewer, string postUri) => Make("disagree", viewer, postUri, "");

    public static string Imported(string kind, string actor, string postUri, long atMs) =>
        Make("import-" + kind, actor, postUri, atMs.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static string Make(string kind, string actor, string postUri, string extra)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}\n{actor}\n{postUri}\n{extra}"));
        return $"urn:middleware:{kind}:{Convert.ToHexStringLower(hash.AsSpan(0, 16))}";
    }
}
