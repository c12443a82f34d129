namespace Middleware.ActivityPub.Signatures;

/// <summary>
/// What a verifier needs of an incoming request, free of any web framework type.
/// </summary>
/// <param name="Method">The HTTP method as received, e.g. <c>POST</c>.</param>
/// <param name="TargetUri">The absolute URI the request was sent to (scheme, authority, path and query).</param>
/// <param name="Headers">
/// Request header fields; names are matched case-insensitively. A field that occurred several times
/// must be given once, its values joined with <c>", "</c> in order (see <see cref="FromHeaderLists"/>).
/// </param>
/// <param name="Body">The raw request body; empty for a GET.</param>
public sealed record SignedRequest(
    string Method,
    Uri TargetUri,
    IReadOnlyDictionary<string, string> Headers,
    ReadOnlyMemory<byte> Body)
{
    /// <summary>
    /// Builds a request from header fields that may carry several values each, joining them as both
    /// signature schemes require (", " between values, in order).
    /// </summary>
    public static SignedRequest FromHeaderLists(
        string method,
        Uri targetUri,
        IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers,
        ReadOnlyMemory<byte> body)
    {
        var joined = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in headers)
        {
            var value = string.Join(", ", values);
            joined[name] = joined.TryGetValue(name, out var earlier) ? earlier + ", " + value : value;
        }

        return new SignedRequest(method, targetUri, joined, body);
    }

    /// <summary>Looks a header up by name, ignoring case whatever comparer the dictionary uses.</summary>
    public bool TryGetHeader(string name, out string value)
    {
        if (Headers.TryGetValue(name, out var found))
        {
            value = found;
            return true;
        }

        foreach (var (key, candidate) in Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = string.Empty;
        return false;
    }

    /// <summary>True when the request carries a body, which then has to be covered by a digest.</summary>
    internal bool HasBody => !Body.IsEmpty || string.Equals(Method, "POST", StringComparison.OrdinalIgnoreCase);
}
