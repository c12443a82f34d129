using System.Text.Json;
using System.Text.RegularExpressions;

namespace Middleware.Ranking.Plugins;

/// <summary>A plugin's <c>plugin.json</c>: who it is, which contract it was built for and which
/// assembly holds its ranker. Parsing is strict (unknown fields, wrong types and malformed values are
/// errors) because a typo in a manifest should be reported at start-up, not guessed around.</summary>
/// <param name="Id">The ranker's id; must equal <see cref="RankerMetadata.Id"/>.</param>
/// <param name="Version">The plugin's version; must equal <see cref="RankerMetadata.Version"/>.</param>
/// <param name="ContractVersion">The <see cref="RankingContract"/> version it was built for, <c>major.minor</c>.</param>
/// <param name="Assembly">File name of the main assembly inside the plugin folder, e.g. <c>MyRanker.dll</c>.</param>
/// <param name="RankerType">Full name of the ranker class; needed only when the assembly has several.</param>
public sealed partial record PluginManifest(string Id, string Version, string ContractVersion, string Assembly, string? RankerType)
{
    /// <summary>The manifest's file name in every plugin folder.</summary>
    public const string FileName = "plugin.json";

    private static readonly string[] Fields = ["id", "version", "contractVersion", "assembly", "rankerType"];

    /// <summary>Reads and checks a manifest. Throws <see cref="PluginManifestException"/> saying
    /// which field is wrong and how.</summary>
    public static PluginManifest Parse(string json)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new PluginManifestException($"is not valid JSON: {e.Message}");
        }
        if (root.ValueKind != JsonValueKind.Object)
            throw new PluginManifestException("must be a JSON object.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (!Fields.Contains(property.Name, StringComparer.Ordinal))
                throw new PluginManifestException($"has an unknown field '{property.Name}' (known fields: {string.Join(", ", Fields)}; names are case-sensitive).");
            if (!seen.Add(property.Name))
                throw new PluginManifestException($"has '{property.Name}' twice.");
        }

        var id = Required(root, "id", IdPattern(), "lower-case letters, digits and single '-', e.g. \"my-ranker\"");
        var version = Required(root, "version", VersionPattern(), "a version such as \"1.0.0\"");
        var contract = Required(root, "contractVersion", ContractPattern(), "\"major.minor\", e.g. \"1.0\"");
        var assembly = Required(root, "assembly", AssemblyPattern(), "a file name in the plugin folder ending in .dll, e.g. \"MyRanker.dll\"");
        var rankerType = Optional(root, "rankerType");
        return new PluginManifest(id, version, contract, assembly, rankerType);
    }

    private static string Required(JsonElement root, string field, Regex pattern, string expected)
    {
        if (!root.TryGetProperty(field, out var value))
            throw new PluginManifestException($"has no '{field}' (expected {expected}).");
        var text = Text(value, field);
        if (!pattern.IsMatch(text))
            throw new PluginManifestException($"'{field}' is \"{text}\"; expected {expected}.");
        return text;
    }

    private static string? Optional(JsonElement root, string field)
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        var text = Text(value, field);
        return text.Length > 0 ? text : throw new PluginManifestException($"'{field}' is empty; leave it out or give a full type name.");
    }

    private static string Text(JsonElement value, string field) =>
        value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new PluginManifestException($"'{field}' must be a string, not {value.ValueKind.ToString().ToLowerInvariant()}.");

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^\d+(\.\d+){1,3}(-[0-9A-Za-z.-]+)?$")]
    private static partial Regex VersionPattern();

    [GeneratedRegex(@"^\d+\.\d+$")]
    private static partial Regex ContractPattern();

    // A bare file name: no folder part, so a manifest cannot point outside its plugin folder.
    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]*\.dll$")]
    private static partial Regex AssemblyPattern();
}

/// <summary>A <c>plugin.json</c> that cannot be used; the message completes "plugin.json …".</summary>
public sealed class PluginManifestException(string problem) : Exception($"{PluginManifest.FileName} {problem}");
