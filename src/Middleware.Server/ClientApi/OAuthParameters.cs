using System.Text.Json;

namespace Middleware.Server.ClientApi;

/// <summary>Parameters of an OAuth or app-registration request. Mastodon (Rails) reads them from
/// the query, a form body or a JSON body alike, and clients use all three.</summary>
public sealed class OAuthParameters
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    /// <summary>Reads the query (unless <paramref name="bodyOnly"/>) and then the body. The token
    /// and revoke endpoints read the body only: secrets in a URL end up in access logs, and RFC 6749
    /// §2.3.1 forbids them there.</summary>
    public static async Task<OAuthParameters> ReadAsync(HttpRequest request, CancellationToken ct, bool bodyOnly = false)
    {
        var parameters = new OAuthParameters();
        if (!bodyOnly)
            foreach (var (key, values) in request.Query)
                parameters.AddAll(key, values.OfType<string>());
        if (request.HasFormContentType)
        {
            try
            {
                var form = await request.ReadFormAsync(ct);
                foreach (var (key, values) in form)
                    parameters.AddAll(key, values.OfType<string>());
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                // A form the reader cannot read (a multipart body cut short, a missing boundary) carries
                // no parameters, as a body that is not JSON does.
                parameters.Malformed = $"The form body could not be read: {e.Message}";
            }
        }
        else if (request.HasJsonContentType())
        {
            try
            {
                using var json = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
                var members = new List<(string Name, List<string> Values)>();
                if (json.RootElement.ValueKind == JsonValueKind.Object)
                    foreach (var property in json.RootElement.EnumerateObject())
                        members.Add((property.Name, Strings(property.Value).ToList()));
                foreach (var (name, values) in members)
                    parameters.AddAll(name, values);
            }
            // JsonElement throws InvalidOperationException for text that is not valid Unicode (bytes that
            // are not UTF-8, an escaped lone surrogate).
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                parameters.Malformed = $"The body is not valid JSON: {e.Message}";
            }
        }
        return parameters;
    }

    /// <summary>Why a JSON body could not be read, or null (no JSON body, or a readable one).</summary>
    public string? Malformed { get; private set; }

    /// <summary>The last value given for the name, or null when empty. The query is read before the
    /// body, so a body value wins over a query value.</summary>
    public string? this[string name] =>
        _values.TryGetValue(name, out var list) && list.Count > 0 && list[^1].Length > 0 ? list[^1] : null;

    /// <summary>All values for the name; <c>name[]</c> (Rails arrays) counts as the same name.</summary>
    public IReadOnlyList<string> All(string name) =>
        _values.TryGetValue(name, out var list) ? list : [];

    private void AddAll(string key, IEnumerable<string> values)
    {
        var name = key.EndsWith("[]", StringComparison.Ordinal) ? key[..^2] : key;
        if (!_values.TryGetValue(name, out var list))
            _values[name] = list = [];
        list.AddRange(values);
    }

    private static IEnumerable<string> Strings(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => [value.GetString()!],
        JsonValueKind.Array => value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => [value.GetRawText()],
        _ => [],
    };
}
