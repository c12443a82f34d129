namespace Middleware.Ranking;

/// <summary>What a ranker is, for people and for the host.</summary>
public sealed record RankerMetadata
{
    /// <summary>Stable id, lower case letters, digits and <c>-</c>, e.g. <c>bridging</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The ranker's own version, e.g. <c>1.2.0</c>; feeds record it with what it ranked.</summary>
    public required string Version { get; init; }

    /// <summary>One or two sentences for developers and admins.</summary>
    public required string Description { get; init; }

    /// <summary>The main parameters of the ranking, written for someone who is not an expert: what
    /// decides the order and why (the text a feed page shows under the EU Digital Services Act,
    /// art. 27).</summary>
    public required string MainParameters { get; init; }

    /// <summary>Optional: <see cref="MainParameters"/> in other languages, keyed by a lower-case ISO 639-1
    /// code such as <c>nl</c>. A feed page shows each language it speaks from here; where a language is
    /// missing it says that the ranker explains itself in English only.</summary>
    public IReadOnlyDictionary<string, string> MainParametersTranslated { get; init; } = new Dictionary<string, string>();

    /// <summary>True when the ranking depends on the viewer's own behaviour or profile. A feed must
    /// always offer one option that uses no profiling (DSA art. 38).</summary>
    public bool UsesProfiling { get; init; }

    /// <summary>The parameters the ranker accepts, with types and defaults.</summary>
    public IReadOnlyList<ParameterDescriptor> Parameters { get; init; } = [];
}

/// <summary>The JSON type of a parameter.</summary>
public enum ParameterType
{
    /// <summary>A JSON number.</summary>
    Number,
    /// <summary>A JSON number without a fraction.</summary>
    Integer,
    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,
    /// <summary>A JSON string.</summary>
    String,
    /// <summary>Any JSON value (an object such as a recipe).</summary>
    Json,
}

/// <summary>One parameter a ranker accepts.</summary>
/// <param name="Name">The key in the parameters object.</param>
/// <param name="Type">Its JSON type.</param>
/// <param name="Default">The value used when it is absent (null when it is required or has none).</param>
/// <param name="Description">What it changes, in plain words.</param>
public sealed record ParameterDescriptor(string Name, ParameterType Type, object? Default, string Description)
{
    /// <summary>Smallest allowed value for numbers, if any.</summary>
    public double? Minimum { get; init; }

    /// <summary>Largest allowed value for numbers, if any.</summary>
    public double? Maximum { get; init; }
}
