using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;

namespace Middleware.Server.Feeds.Open;

/// <summary>Where a skeleton item was served: the snapshot it came from (the first 8 bytes of its id,
/// as hex), the feed version that ranked it and its place (0 = top). A client echoes it back with its
/// interactions, so a signal can be traced to the ranking that showed the post.</summary>
public readonly record struct ServedAt(string Snapshot, int FeedVersion, int Position);

/// <summary>The opaque <c>feedContext</c> of a skeleton item, as Bluesky's feed generators give one:
/// base64url of a format byte, 8 bytes of the snapshot id, the feed version and the position
/// (23 characters). It is not signed: it only says where a post was shown, and a client that edits
/// it misleads no one but the statistics of its own signals.</summary>
public static class FeedContext
{
    private const byte Format = 1;
    private const int Length = 1 + 8 + 4 + 4;

    public static string Encode(Guid snapshot, int feedVersion, int position)
    {
        Span<byte> bytes = stackalloc byte[Length];
        Span<byte> id = stackalloc byte[16];
        snapshot.TryWriteBytes(id);
        bytes[0] = Format;
        id[..8].CopyTo(bytes.Slice(1, 8));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.Slice(9, 4), feedVersion);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.Slice(13, 4), position);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>What a <c>feedContext</c> this service gave out says, or null for any other text.</summary>
    public static ServedAt? Decode(string? text)
    {
        if (text is null || text.Length > 32)
            return null;
        Span<byte> bytes = stackalloc byte[24];
        if (Base64Url.DecodeFromChars(text, bytes, out _, out var written) != OperationStatus.Done || written != Length || bytes[0] != Format)
            return null;
        var version = BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(9, 4));
        var position = BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(13, 4));
        return version < 1 || position < 0 ? null : new ServedAt(Convert.ToHexStringLower(bytes.Slice(1, 8)), version, position);
    }
}
