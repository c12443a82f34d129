using System.Text.Json;

namespace Middleware.ActivityPub.Streams;

/// <summary>Reads the loose shapes JSON-LD compaction produces: a property may be a string, an
/// object with an <c>id</c>, or an array of either.</summary>
public static class JsonReading
{
    public static string? String(this JsonElement e, string name) =>
        TryGet(e, name, out var v) ? Text(v) : null;

    /// <summary>Looks a member up; false when <paramref name="e"/> is no object, and also when a member
    /// name on the way is an escaped lone surrogate, which makes <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/>
    /// throw.</summary>
    private static bool TryGet(JsonElement e, string name, out JsonElement value)
    {
        value = default;
        if (e.ValueKind != JsonValueKind.Object)
            return false;
        try
        {
            return e.TryGetProperty(name, out value);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The value of a JSON string, or null for any other value and for a string that is not
    /// valid UTF-16: JSON lets a peer escape a lone surrogate (<c>"\ud800"</c>), which
    /// <see cref="JsonElement.GetString"/> refuses with an <see cref="InvalidOperationException"/>.</summary>
    public static string? Text(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.String)
            return null;
        try
        {
            return e.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>A member's name, or null when it is not valid UTF-16 (see <see cref="Text"/>).</summary>
    public static string? NameOf(JsonProperty p)
    {
        try
        {
            return p.Name;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    public static bool? Bool(this JsonElement e, string name) =>
        TryGet(e, name, out var v)
            ? v.ValueKind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => null }
            : null;

    public static JsonElement? Property(this JsonElement e, string name) =>
        TryGet(e, name, out var v) && v.ValueKind != JsonValueKind.Null
            ? v
            : null;

    /// <summary>The id of a reference: the string itself, or the <c>id</c> of an embedded object.</summary>
    public static string? IdOf(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => Text(e),
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

    /// <summary>The <c>type</c>, which may be an array of types; the first is used. A type that is
    /// not a string (a number, an object) is no type.</summary>
    public static string? TypeOf(JsonElement e) =>
        e.Property("type") is { } t
            ? t.ValueKind == JsonValueKind.Array ? (t.GetArrayLength() > 0 ? Text(t[0]) : null) : Text(t)
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
