using System.Net;

namespace Middleware.ActivityPub.Http;

/// <summary>How one redirect hop is turned into the next request, following browser (Fetch) rules.</summary>
internal static class RedirectRequest
{
    // Credentials are for the host they were issued for; never hand them to another one.
    private static readonly string[] CredentialHeaders =
        ["Authorization", "Proxy-Authorization", "Cookie", "Signature", "Signature-Input"];

    public static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently
        or HttpStatusCode.Found or HttpStatusCode.SeeOther
        or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    /// <summary>
    /// A request signed with HTTP Signatures covers its target URL, so a signature sent to
    /// another URL is wrong at best and a leaked credential at worst.
    /// </summary>
    public static bool IsSigned(HttpRequestMessage request) =>
        request.Headers.Contains("Signature")
        || request.Headers.Contains("Signature-Input")
        || string.Equals(request.Headers.Authorization?.Scheme, "Signature", StringComparison.OrdinalIgnoreCase);

    public static HttpRequestMessage Next(HttpRequestMessage previous, Uri target, HttpStatusCode status)
    {
        var method = BecomesGet(previous.Method, status) ? HttpMethod.Get : previous.Method;
        var next = new HttpRequestMessage(method, target)
        {
            Version = previous.Version,
            VersionPolicy = previous.VersionPolicy,
            Content = method == previous.Method ? previous.Content : null,
        };

        var sameOrigin = Uri.Compare(previous.RequestUri, target, UriComponents.SchemeAndServer,
            UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
        foreach (var header in previous.Headers)
        {
            if (header.Key.Equals("Host", StringComparison.OrdinalIgnoreCase)
                || (!sameOrigin && CredentialHeaders.Contains(header.Key, StringComparer.OrdinalIgnoreCase)))
            {
                continue;
            }

            next.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        IDictionary<string, object?> options = next.Options;
        foreach (var option in previous.Options)
        {
            options[option.Key] = option.Value;
        }

        return next;
    }

    // 303 always, and 301/302 for POST, switch to GET with no body, as browsers do;
    // 307 and 308 exist precisely to keep the method and body.
    private static bool BecomesGet(HttpMethod method, HttpStatusCode status) => status switch
    {
        HttpStatusCode.SeeOther => method != HttpMethod.Get && method != HttpMethod.Head,
        HttpStatusCode.MovedPermanently or HttpStatusCode.Found => method == HttpMethod.Post,
        _ => false,
    };
}
