using System.Text;

namespace Middleware.ActivityPub.Signatures;

/// <summary>Builds the RFC 9421 signature base (section 2.5): one line per covered component, then the parameters.</summary>
internal static class Rfc9421SignatureBase
{
    /// <summary>Builds the base for the covered components, or explains why it cannot.</summary>
    public static (string? Text, string? Error) Build(
        IReadOnlyList<string> components, string signatureParameters, SignedRequest request)
    {
        var text = new StringBuilder();
        foreach (var component in components)
        {
            var (value, error) = component.StartsWith('@') ? Derived(component, request) : Field(component, request);
            if (error is not null)
            {
                return (null, error);
            }

            text.Append('"').Append(component).Append("\": ").Append(value).Append('\n');
        }

        text.Append("\"@signature-params\": ").Append(signatureParameters);
        return (text.ToString(), null);
    }

    /// <summary>The <c>@target-uri</c> value: scheme, authority, path and query, without a fragment.</summary>
    public static string TargetUri(Uri uri) => uri.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped);

    // Section 2.2: values derived from the request line and target URI.
    private static (string? Value, string? Error) Derived(string component, SignedRequest request)
    {
        var uri = request.TargetUri;
        return component switch
        {
            "@method" => (request.Method, null),
            "@target-uri" => (TargetUri(uri), null),
            "@authority" => (uri.Authority.ToLowerInvariant(), null), // the port only when not the default
            "@scheme" => (uri.Scheme.ToLowerInvariant(), null),
            "@request-target" => (uri.PathAndQuery, null),
            "@path" => (uri.AbsolutePath, null),
            "@query" => (uri.Query.Length == 0 ? "?" : uri.Query, null),
            _ => (null, $"Unsupported derived component {component}"),
        };
    }

    // Section 2.1: a header's value with surrounding whitespace removed; repeated fields arrive already joined.
    private static (string? Value, string? Error) Field(string name, SignedRequest request)
    {
        if (request.TryGetHeader(name, out var value))
        {
            return (value.Trim(), null);
        }

        return (null, $"Covered component {name} is missing from the request");
    }
}
