using System.Text.Json;

namespace Middleware.ActivityPub.Streams;

/// <summary>Reads the loose shapes JSON-LD compaction produces: a property may be a string, an
/// object with an <c>id</c>, or an array of either.</summary>
public static class JsonReading
{
    public static string? String(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;

    public static bool? Bool(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v)
            ? v.ValueKind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => null }
            : null;

    public static JsonElement? Property(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? v
            : null;

    /// <summary>The id of a reference: the string itself, or the <c>id</c> of an embedded object.</summary>
    public static string? IdOf(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Object => e.String("id") ?? e.String("href"),
        JsonValueKind.Array => e.GetArrayLength() > 0 ? IdOf(e[0]) : null,
        _ => null,
    };

    public static string? RefId(this JsonElement e, string name) =>
        e.Property(name) is { } v ? IdOf(v) : null;

    /// <summary>Every id in a property that may hold one reference or an array of them.</summary>
    public static IReadOnlyList<string> RefIds(this JsonElement e, string name)
    {
        if (e.Property(name) is not { } v)
            return [];
        if (v.ValueKind != JsonValueKind.Array)
            return IdOf(v) is { } single ? [single] : [];
        var ids = new List<string>(v.GetArrayLength());
        foreach (var item in v.EnumerateArray())
            if (IdOf(item) is { } id)
                ids.Add(id);
        return ids;
    }

    /// <summary>The elements of a property that may be one object or an array.</summary>
    public static IEnumerable<JsonElement> Items(this JsonElement e, string name)
    {
        if (e.Property(name) is not { } v)
            yield break;
        if (v.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in v.EnumerateArray())
                yield return item;
        }
        else
        {
            yield return v;
        }
    }

    /// <summary>The <c>type</c>, which may be an array of types; the first is used.</summary>
    public static string? TypeOf(JsonElement e) =>
        e.Property("type") is { } t
            ? t.ValueKind == JsonValueKind.Array ? (t.GetArrayLength() > 0 ? t[0].GetString() : null) : t.GetString()
            : null;

    public static DateTimeOffset? Time(this JsonElement e, string name) =>
        e.String(name) is { } s && DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var t)
            ? t.ToUniversalTime()
            : null;

    /// <summary>True for absolute http(s) URIs, the only ids we accept.</summary>
    public static bool IsHttpUri(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp);

    /// <summary>Host (with port when not default) of a URI: the unit of origin.</summary>
    public static string? Origin(string? uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var u) ? u.IsDefaultPort ? u.Host.ToLowerInvariant() : $"{u.Host.ToLowerInvariant()}:{u.Port}" : null;

    public static bool SameOrigin(string? a, string? b) => Origin(a) is { } x && x == Origin(b);

    /// <summary>True when both are absolute URIs with the same scheme, host and port (the web's origin,
    /// RFC 6454): stricter than <see cref="SameOrigin"/>, which ignores the scheme.</summary>
    public static bool SameSchemeHostPort(string? a, string? b) =>
        Uri.TryCreate(a, UriKind.Absolute, out var x) && Uri.TryCreate(b, UriKind.Absolute, out var y)
        && x.Scheme == y.Scheme && x.Port == y.Port
        && string.Equals(x.IdnHost, y.IdnHost, StringComparison.OrdinalIgnoreCase);
}
