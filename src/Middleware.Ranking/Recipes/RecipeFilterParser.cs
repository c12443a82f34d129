using System.Text.Json;
using System.Text.RegularExpressions;

namespace Middleware.Ranking.Recipes;

/// <summary>Reads the <c>filters</c> object of a recipe.</summary>
internal static partial class RecipeFilterParser
{
    private static readonly string[] Keys =
        ["languages", "hashtags", "excludeKeywords", "includeInstances", "excludeInstances", "mediaOnly", "noReplies", "maxAgeHours"];

    /// <summary>Ten years: far beyond any candidate window, yet a number that cannot overflow a date.</summary>
    public const double MaxHours = 24 * 365 * 10;

    public static RecipeFilters Parse(JsonElement element, string path)
    {
        RecipeJson.RequireObject(element, path, Keys);
        var filters = new RecipeFilters();
        foreach (var property in element.EnumerateObject())
        {
            var at = $"{path}.{property.Name}";
            var value = property.Value;
            filters = property.Name switch
            {
                "languages" => filters with { Languages = RecipeJson.StringList(value, at, Language) },
                "hashtags" => filters with { Hashtags = RecipeJson.StringList(value, at, Hashtag) },
                "excludeKeywords" => KeywordFilter(filters, RecipeJson.StringList(value, at, (k, _) => k)),
                "includeInstances" => filters with { IncludeInstances = RecipeJson.StringList(value, at, Host) },
                "excludeInstances" => filters with { ExcludeInstances = RecipeJson.StringList(value, at, Host) },
                "mediaOnly" => filters with { MediaOnly = RecipeJson.Boolean(value, at) },
                "noReplies" => filters with { NoReplies = RecipeJson.Boolean(value, at) },
                "maxAgeHours" => filters with { MaxAgeHours = RecipeJson.Number(value, at, 0.01, MaxHours) },
                _ => filters,
            };
        }
        return filters;
    }

    private static RecipeFilters KeywordFilter(RecipeFilters filters, IReadOnlyList<string> keywords)
    {
        if (keywords.Count == 0)
            return filters with { ExcludeKeywords = keywords };
        // Whole words: no letter or digit may touch the keyword on either side, so "crypto" drops
        // "Crypto!" but keeps "cryptography". Escaped literals cannot backtrack badly.
        var alternatives = string.Join('|', keywords.Select(Regex.Escape));
        var pattern = new Regex($@"(?<![\p{{L}}\p{{N}}_])(?:{alternatives})(?![\p{{L}}\p{{N}}_])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
        return filters with { ExcludeKeywords = keywords, ExcludeKeywordPattern = pattern };
    }

    private static string Language(string value, string path) => LanguageTag().IsMatch(value)
        ? value.ToLowerInvariant()
        : throw RecipeJson.Error(path, $"\"{value}\" is not a language code such as \"nl\" or \"en\".");

    private static string Hashtag(string value, string path)
    {
        var tag = value.TrimStart('#');
        return tag.Length > 0 && !tag.Any(char.IsWhiteSpace) && !tag.Contains('#')
            ? tag.ToLowerInvariant()
            : throw RecipeJson.Error(path, $"\"{value}\" is not a hashtag such as \"klimaat\" or \"#klimaat\".");
    }

    private static string Host(string value, string path) => HostName().IsMatch(value)
        ? value.ToLowerInvariant()
        : throw RecipeJson.Error(path, $"\"{value}\" is not an instance host name such as \"social.overheid.nl\" (no https:// and no path).");

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")]
    private static partial Regex LanguageTag();

    [GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:[0-9]{1,5})?$")]
    private static partial Regex HostName();
}
