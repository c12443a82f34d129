using Microsoft.AspNetCore.Http.Features;

namespace Middleware.Server.Feeds.Interactions;

/// <summary>Reads a request body of at most a given size, the incoming twin of
/// <c>Middleware.ActivityPub.Http.BoundedBody</c>: a declared length over the limit is refused before
/// reading, and a chunked body stops being read at the first byte past it. Kestrel is told the limit
/// too, so it can refuse on its own; the in-memory test server has no such limit, which is why the
/// count is kept here as well.</summary>
public static class BoundedRequestBody
{
    /// <summary>The body, or null when it is larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
            return null;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = maxBytes;
        var buffer = new byte[Math.Min(maxBytes + 1, (int)(request.ContentLength ?? 16 * 1024) + 1)];
        var length = 0;
        try
        {
            while (true)
            {
                // Room for one byte past the limit, so that a body over it is noticed.
                if (length == buffer.Length)
                    Array.Resize(ref buffer, Math.Min(maxBytes + 1, buffer.Length * 2));
                var read = await request.Body.ReadAsync(buffer.AsMemory(length), ct);
                if (read == 0)
                    return buffer.AsMemory(0, length);
                length += read;
                if (length > maxBytes)
                    return null;
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }
}
