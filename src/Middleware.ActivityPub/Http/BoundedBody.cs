using System.Text;

namespace Middleware.ActivityPub.Http;

/// <summary>
/// Reads response bodies with a size limit, so a hostile or broken server cannot make us
/// buffer an endless or decompression-bomb body. Send with
/// <see cref="HttpCompletionOption.ResponseHeadersRead"/> so the body is not buffered before.
/// </summary>
public static class BoundedBody
{
    private const int BufferSize = 16 * 1024;

    /// <summary>
    /// Reads the whole body, refusing it up front when Content-Length exceeds
    /// <paramref name="maxBytes"/> and stopping as soon as the streamed bytes do.
    /// The request deadline of <see cref="GuardedRedirectHandler"/> still applies.
    /// </summary>
    /// <exception cref="ResponseTooLargeException">The body is larger than <paramref name="maxBytes"/>.</exception>
    /// <exception cref="OutboundRequestTimeoutException">The request deadline passed while reading.</exception>
    public static async Task<byte[]> ReadAsBytesAsync(
        HttpResponseMessage response, long maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        var requestUri = response.RequestMessage?.RequestUri;
        var declared = response.Content.Headers.ContentLength;
        if (declared > maxBytes)
        {
            throw new ResponseTooLargeException(maxBytes, declared, requestUri);
        }

        RequestDeadline deadline = default;
        response.RequestMessage?.Options.TryGetValue(RequestDeadline.Key, out deadline);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(linked.Token);
            using var body = new MemoryStream(declared is { } length ? (int)Math.Min(length, 1 << 20) : BufferSize);
            var buffer = new byte[BufferSize];
            int read;
            while ((read = await stream.ReadAsync(buffer, linked.Token)) > 0)
            {
                if (body.Length + read > maxBytes)
                {
                    throw new ResponseTooLargeException(maxBytes, null, requestUri);
                }

                body.Write(buffer, 0, read);
            }

            return body.ToArray();
        }
        catch (OperationCanceledException) when (deadline.Token.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new OutboundRequestTimeoutException("request (reading the body)", deadline.Timeout, requestUri);
        }
    }

    /// <summary>
    /// Like <see cref="ReadAsBytesAsync"/>, decoded with the charset of the Content-Type
    /// (UTF-8 when absent or unknown; a byte order mark wins).
    /// </summary>
    public static async Task<string> ReadAsStringAsync(
        HttpResponseMessage response, long maxBytes, CancellationToken cancellationToken = default)
    {
        var bytes = await ReadAsBytesAsync(response, maxBytes, cancellationToken);
        using var reader = new StreamReader(new MemoryStream(bytes), CharsetOf(response), detectEncodingFromByteOrderMarks: true);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    private static Encoding CharsetOf(HttpResponseMessage response)
    {
        var charset = response.Content.Headers.ContentType?.CharSet?.Trim('"');
        if (string.IsNullOrEmpty(charset))
        {
            return Encoding.UTF8;
        }

        try
        {
            return Encoding.GetEncoding(charset);
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }
}
