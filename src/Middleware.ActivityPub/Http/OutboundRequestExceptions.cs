namespace Middleware.ActivityPub.Http;

/// <summary>
/// Base of every failure raised by the outbound guard, so callers (fetchers, delivery,
/// polling) can catch one type and decide whether to retry.
/// </summary>
public class OutboundRequestException : Exception
{
    /// <summary>Creates the exception for the request to <paramref name="requestUri"/>.</summary>
    public OutboundRequestException(string message, Uri? requestUri, Exception? innerException = null)
        : base(message, innerException)
    {
        RequestUri = requestUri;
    }

    /// <summary>The URL that was being requested when the failure happened, if known.</summary>
    public Uri? RequestUri { get; }
}

/// <summary>
/// The request was refused by policy (address not publicly routable, scheme not allowed,
/// redirect loop, too many redirects…) and was not sent. Retrying will not help.
/// </summary>
public sealed class OutboundRequestRefusedException : OutboundRequestException
{
    /// <summary>Creates the exception with the reason for the refusal.</summary>
    public OutboundRequestRefusedException(string reason, Uri? requestUri)
        : base($"Outbound request refused: {reason}", requestUri)
    {
        Reason = reason;
    }

    /// <summary>Why the request was refused, e.g. "address 127.0.0.1 of host x is not publicly routable".</summary>
    public string Reason { get; }
}

/// <summary>Connecting, or the whole request, took longer than the configured timeout.</summary>
public sealed class OutboundRequestTimeoutException : OutboundRequestException
{
    /// <summary>Creates the exception; <paramref name="what"/> names the step that timed out.</summary>
    public OutboundRequestTimeoutException(string what, TimeSpan timeout, Uri? requestUri)
        : base($"{what} timed out after {timeout.TotalMilliseconds:0} ms", requestUri,
            new TimeoutException($"{what} timed out"))
    {
        Timeout = timeout;
    }

    /// <summary>The limit that was exceeded.</summary>
    public TimeSpan Timeout { get; }
}

/// <summary>The response body is larger than the limit the caller accepts.</summary>
public sealed class ResponseTooLargeException : OutboundRequestException
{
    /// <summary>Creates the exception for a body over <paramref name="maxBytes"/>.</summary>
    public ResponseTooLargeException(long maxBytes, long? declaredLength, Uri? requestUri)
        : base(declaredLength is { } length
            ? $"response declares {length} bytes, more than the limit of {maxBytes}"
            : $"response body exceeds the limit of {maxBytes} bytes", requestUri)
    {
        MaxBytes = maxBytes;
        DeclaredLength = declaredLength;
    }

    /// <summary>The limit in bytes.</summary>
    public long MaxBytes { get; }

    /// <summary>The Content-Length the server declared, when that is what exceeded the limit.</summary>
    public long? DeclaredLength { get; }
}
