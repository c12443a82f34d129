using System.Buffers;
using System.Buffers.Text;
using System.IO.Pipelines;
using System.Security.Cryptography;

namespace Middleware.Server.Feeds.Open;

/// <summary>A skeleton page answered with a <c>reqId</c> of its own (random per response, as Bluesky's
/// <c>getFeedSkeleton</c> gives one). The page's JSON is made once per snapshot and shared by every
/// reader (<see cref="FeedSnapshot.Page"/>); the request id is spliced in before its closing brace, so
/// a response costs 12 random bytes and one more write, not a serialization.</summary>
public sealed class SkeletonResponse(byte[] page) : IResult
{
    public const string ContentType = "application/json; charset=utf-8";
    private const int IdBytes = 12;
    private const int IdChars = 16; // base64url of 12 bytes, no padding

    private static ReadOnlySpan<byte> Open => ",\"reqId\":\""u8;
    private static ReadOnlySpan<byte> Close => "\"}"u8;

    public Task ExecuteAsync(HttpContext http)
    {
        var response = http.Response;
        response.ContentType = ContentType;
        response.ContentLength = page.Length - 1 + Open.Length + IdChars + Close.Length;
        Write(response.BodyWriter, page);
        return response.BodyWriter.FlushAsync(http.RequestAborted).AsTask();
    }

    /// <summary>The page without its closing brace, then <c>,"reqId":"…"}</c>.</summary>
    private static void Write(PipeWriter writer, byte[] page)
    {
        writer.Write(page.AsSpan(0, page.Length - 1));
        var tail = writer.GetSpan(Open.Length + IdChars + Close.Length);
        Open.CopyTo(tail);
        Span<byte> id = stackalloc byte[IdBytes];
        RandomNumberGenerator.Fill(id);
        Base64Url.EncodeToUtf8(id, tail[Open.Length..]);
        Close.CopyTo(tail[(Open.Length + IdChars)..]);
        writer.Advance(Open.Length + IdChars + Close.Length);
    }
}
