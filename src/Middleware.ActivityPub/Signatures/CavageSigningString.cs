namespace Middleware.ActivityPub.Signatures;

/// <summary>Builds the draft-cavage signing string: one <c>name: value</c> line per covered header, in order.</summary>
internal static class CavageSigningString
{
    /// <summary>
    /// Builds the string, or explains why it cannot. <paramref name="includeQuery"/> exists because Mastodon before
    /// 4.2 left the query out of <c>(request-target)</c>, and Mastodon still accepts that form.
    /// </summary>
    public static (string? Text, string? Error) Build(ParsedSignature signature, SignedRequest request, bool includeQuery)
    {
        var lines = new List<string>(signature.CoveredComponents.Count);
        foreach (var component in signature.CoveredComponents)
        {
            var (value, error) = component switch
            {
                "(request-target)" => (RequestTarget(request.Method, request.TargetUri, includeQuery), null),
                "(created)" => PseudoHeader(signature, "(created)", signature.Created),
                "(expires)" => PseudoHeader(signature, "(expires)", signature.Expires),
                _ => Header(request, component),
            };
            if (error is not null)
            {
                return (null, error);
            }

            lines.Add(component + ": " + value);
        }

        return (string.Join('\n', lines), null);
    }

    /// <summary>The <c>(request-target)</c> value: lower-case method, a space, path and query.</summary>
    public static string RequestTarget(string method, Uri target, bool includeQuery = true) =>
        method.ToLowerInvariant() + " " + (includeQuery ? target.PathAndQuery : target.AbsolutePath);

    private static (string? Value, string? Error) PseudoHeader(ParsedSignature signature, string name, long? value)
    {
        if (signature.Algorithm != SignatureAlgorithms.Hs2019)
        {
            return (null, $"Invalid pseudo-header {name} for {signature.Algorithm}");
        }

        return value is null
            ? (null, $"Pseudo-header {name} used but corresponding argument missing")
            : (value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), null);
    }

    private static (string? Value, string? Error) Header(SignedRequest request, string name)
    {
        if (request.TryGetHeader(name, out var value))
        {
            return (value.Trim(), null);
        }

        // HTTP/2 carries the host in :authority; servers surface it as Host, but a hand-built request may not.
        if (name == "host")
        {
            return (request.TargetUri.Authority, null);
        }

        // Mastodon would sign an empty value here and fail later; draft-cavage says to report the missing header.
        return (null, $"Header {name} is signed but missing from the request");
    }
}
