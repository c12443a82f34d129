using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Middleware.ActivityPub.Streams;

/// <summary>Plain text from the small HTML subset Mastodon emits (p, br, a, span), for ranking
/// features and search. Not a sanitizer: the HTML is stored as received and never rendered here.</summary>
public static partial class HtmlText
{
    public static string ToPlainText(string? html)
    {
        if (string.IsNullOrEmpty(html))
            return "";
        var withBreaks = BlockEnd().Replace(html, "\n");
        var stripped = Tag().Replace(withBreaks, "");
        var decoded = WebUtility.HtmlDecode(stripped);
        var sb = new StringBuilder(decoded.Length);
        foreach (var line in decoded.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
                continue;
            if (sb.Length > 0)
                sb.Append('\n');
            sb.Append(trimmed);
        }
        return sb.ToString();
    }

    [GeneratedRegex(@"<br\s*/?>|</p>|</li>|</blockquote>|</h[1-6]>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockEnd();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();
}
