using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace Middleware.Server.Feeds.Open;

/// <summary>Where the next page of a snapshot starts: the snapshot, the offset into it and the
/// feed version that ranked it.</summary>
public readonly record struct SkeletonCursor(Guid SnapshotId, int Offset, int FeedVersion);

/// <summary>Turns cursors into opaque strings and back. The string carries an HMAC under a key made
/// at start-up (on PostgreSQL, one key shared by all nodes: <see cref="SharedSnapshots.Codec"/>), so a
/// reader cannot forge an offset or a snapshot id.</summary>
public sealed class SkeletonCursorCodec(byte[] key)
{
    private const byte Format = 1;
    private const int PayloadLength = 1 + 16 + 4 + 4;
    private const int MacLength = 16;
    /// <summary>A codec with a key of its own (one process).</summary>
    public SkeletonCursorCodec() : this(RandomNumberGenerator.GetBytes(32))
    {
    }

    public string Encode(SkeletonCursor cursor)
    {
        Span<byte> bytes = stackalloc byte[PayloadLength + MacLength];
        bytes[0] = Format;
        cursor.SnapshotId.TryWriteBytes(bytes.Slice(1, 16));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.Slice(17, 4), cursor.Offset);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.Slice(21, 4), cursor.FeedVersion);
        Sign(bytes[..PayloadLength], bytes[PayloadLength..]);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>The cursor, or null when the text is not one this service gave out.</summary>
    public SkeletonCursor? Decode(string text)
    {
        if (text.Length > 64)
            return null;
        Span<byte> bytes = stackalloc byte[48];
        // The status form: TryDecodeFromChars throws on characters outside the alphabet.
        if (Base64Url.DecodeFromChars(text, bytes, out _, out var written) != OperationStatus.Done || written != PayloadLength + MacLength)
            return null;
        Span<byte> expected = stackalloc byte[MacLength];
        Sign(bytes[..PayloadLength], expected);
        if (bytes[0] != Format || !CryptographicOperations.FixedTimeEquals(expected, bytes.Slice(PayloadLength, MacLength)))
            return null;
        var offset = BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(17, 4));
        var version = BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(21, 4));
        return offset < 0 ? null : new SkeletonCursor(new Guid(bytes.Slice(1, 16)), offset, version);
    }

    private void Sign(ReadOnlySpan<byte> payload, Span<byte> mac)
    {
        Span<byte> full = stackalloc byte[32];
        HMACSHA256.HashData(key, payload, full);
        full[..MacLength].CopyTo(mac);
    }
}
