using System.Globalization;
using System.Text.Json;

namespace Middleware.Ranking.Recipes;

/// <summary>Typed reads of recipe JSON that fail with a <see cref="RankerParameterException"/> naming
/// the JSON path of the value at fault, so that a user can find and fix it.</summary>
internal static class RecipeJson
{
    /// <summary>Most entries a list (languages, keywords…) may have; a page of rules, not a data set.</summary>
    public const int MaxListEntries = 200;

    /// <summary>Longest string a list entry may be.</summary>
    public const int MaxStringLength = 200;

    public static RankerParameterException Error(string path, string problem) => new(path, problem);

    /// <summary>Checks that <paramref name="element"/> is an object whose keys are all allowed: a
    /// misspelt key must not be ignored silently, or the user would believe a filter is in force.</summary>
    public static void RequireObject(JsonElement element, string path, IReadOnlyCollection<string> allowedKeys)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw Error(path, $"must be a JSON object, not {Describe(element)}.");
        foreach (var property in element.EnumerateObject())
        {
            var name = Name(property, path);
            if (!allowedKeys.Contains(name))
                throw Error($"{path}.{name}", $"is not a known key; allowed here: {string.Join(", ", allowedKeys)}.");
        }
    }

    /// <summary>A member's name. JSON may escape a lone surrogate (<c>"\ud800"</c>), which a .NET string
    /// cannot hold and <see cref="JsonProperty.Name"/> refuses with an InvalidOperationException.</summary>
    public static string Name(JsonProperty property, string path)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            throw Error(path, "has a key that is not valid Unicode text.");
        }
    }

    public static double Number(JsonElement element, string path, double min, double max)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var value) || !double.IsFinite(value))
            throw Error(path, $"must be a number, not {Describe(element)}.");
        if (value < min || value > max)
            throw Error(path, $"must be between {Format(min)} and {Format(max)}, not {Format(value)}.");
        return value;
    }

    public static int Integer(JsonElement element, string path, int min, int max)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var value))
            throw Error(path, $"must be a whole number, not {Describe(element)}.");
        if (value < min || value > max)
            throw Error(path, $"must be between {min} and {max}, not {value}.");
        return value;
    }

    public static bool Boolean(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Error(path, $"must be true or false, not {Describe(element)}."),
    };

    public static string String(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.String)
            throw Error(path, $"must be a string, not {Describe(element)}.");
        string value;
        try
        {
            value = element.GetString()!.Trim();
        }
        catch (InvalidOperationException)
        {
            throw Error(path, "is not valid Unicode text.");
        }
        if (value.Length == 0)
            throw Error(path, "must not be empty.");
        if (value.Length > MaxStringLength)
            throw Error(path, $"must be at most {MaxStringLength} characters long.");
        return value;
    }

    /// <summary>A list of non-empty strings, each passed through <paramref name="normalise"/>
    /// (which may throw for an entry that makes no sense); duplicates are dropped.</summary>
    public static IReadOnlyList<string> StringList(JsonElement element, string path, Func<string, string, string> normalise)
    {
        if (element.ValueKind != JsonValueKind.Array)
            throw Error(path, $"must be a list of strings, not {Describe(element)}.");
        if (element.GetArrayLength() > MaxListEntries)
            throw Error(path, $"must have at most {MaxListEntries} entries.");
        var list = new List<string>();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var itemPath = $"{path}[{index++}]";
            var value = normalise(String(item, itemPath), itemPath);
            if (!list.Contains(value))
                list.Add(value);
        }
        return list;
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => $"the string \"{Shorten(TextOrEscaped(element))}\"",
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        _ => "null",
    };

    private static string TextOrEscaped(JsonElement element)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return "(not valid Unicode text)"; // a lone surrogate escaped, or bytes that are not UTF-8
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
