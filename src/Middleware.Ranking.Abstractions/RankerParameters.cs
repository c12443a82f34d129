using System.Text.Json;

namespace Middleware.Ranking;

/// <summary>A ranker's parameters: the JSON object a feed or a caller gave, read with typed getters
/// that fall back to a default when a key is absent and throw <see cref="RankerParameterException"/>
/// (naming the key) when a value has the wrong type or range.</summary>
public sealed class RankerParameters
{
    private readonly IReadOnlyDictionary<string, JsonElement> values;

    /// <summary>No parameters: every getter returns its default.</summary>
    public static RankerParameters Empty { get; } = new(new Dictionary<string, JsonElement>());

    /// <summary>Wraps already parsed values.</summary>
    public RankerParameters(IReadOnlyDictionary<string, JsonElement> values) => this.values = values;

    /// <summary>Reads a JSON object (<c>null</c> or an absent value gives <see cref="Empty"/>).</summary>
    public static RankerParameters FromJson(JsonElement? json)
    {
        if (json is null || json.Value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            return Empty;
        if (json.Value.ValueKind != JsonValueKind.Object)
            throw new RankerParameterException("parameters", "must be a JSON object.");
        var copy = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in json.Value.EnumerateObject())
            copy[NameOf(property)] = property.Value.Clone();
        return new RankerParameters(copy);
    }

    /// <summary>A key; JSON may escape a lone surrogate there, which a .NET string cannot hold.</summary>
    private static string NameOf(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            throw new RankerParameterException("parameters", "has a key that is not valid Unicode text.");
        }
    }

    /// <summary>The keys that were given.</summary>
    public IEnumerable<string> Names => values.Keys;

    /// <summary>The raw value, or null when absent.</summary>
    public JsonElement? Get(string name) =>
        values.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>A number within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public double GetNumber(string name, double defaultValue, double min = double.MinValue, double max = double.MaxValue)
    {
        if (Get(name) is not { } value)
            return defaultValue;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
            throw new RankerParameterException(name, "must be a number.");
        if (number < min || number > max)
            throw new RankerParameterException(name, $"must be between {min} and {max}, not {number}.");
        return number;
    }

    /// <summary>An integer within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int GetInteger(string name, int defaultValue, int min = int.MinValue, int max = int.MaxValue)
    {
        if (Get(name) is not { } value)
            return defaultValue;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
            throw new RankerParameterException(name, "must be a whole number.");
        if (number < min || number > max)
            throw new RankerParameterException(name, $"must be between {min} and {max}, not {number}.");
        return number;
    }

    /// <summary>A boolean.</summary>
    public bool GetBoolean(string name, bool defaultValue)
    {
        if (Get(name) is not { } value)
            return defaultValue;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new RankerParameterException(name, "must be true or false."),
        };
    }

    /// <summary>A string.</summary>
    public string? GetString(string name, string? defaultValue = null)
    {
        if (Get(name) is not { } value)
            return defaultValue;
        if (value.ValueKind != JsonValueKind.String)
            throw new RankerParameterException(name, "must be a string.");
        return value.GetString();
    }
}
