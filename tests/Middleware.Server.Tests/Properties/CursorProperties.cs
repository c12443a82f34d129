using CsCheck;
using Middleware.Server.ClientApi;
using Middleware.Server.Feeds.Open;
using Middleware.Testing.Properties;

namespace Middleware.Server.Tests.Properties;

/// <summary>Cursors nobody wrote by hand: whatever an app sends as <c>max_id</c>/<c>min_id</c> or a
/// skeleton <c>cursor</c>, reading gives a cursor or null; and every cursor the service writes reads back
/// as itself.</summary>
public sealed class CursorProperties
{
    private static readonly Gen<string> CursorLike = Gen.Frequency(
        (3, Gen.Select(Gen.Char["abcdef0123456789-_rk"].Array[0, 40].Select(c => new string(c)), Gen.Int, (s, n) => $"rk-{s}-{n}")),
        (2, Gen.Select(Gen.Char["AZaz09-_=+/"].Array[0, 70].Select(c => new string(c)), s => s)),
        (2, JsonGen.AnyString),
        (1, Gen.Select(Gen.String[0, 40], s => "rk-" + s)));

    [Fact]
    public void Any_text_reads_to_a_rank_cursor_or_null()
    {
        Outcome.Holds(CursorLike, text => Outcome.Within(() =>
        {
            if (RankCursor.Parse(text) is { } cursor)
                Assert.True(cursor.Offset >= 0 && cursor.WindowId.Length is > 0 and <= 32);
            return true;
        }));
    }

    [Fact]
    public void Rank_cursors_read_back_as_themselves()
    {
        var cursors = Gen.Select(Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"].Array[1, 32].Select(c => new string(c)), Gen.Int[0, int.MaxValue], (id, offset) => new RankCursor(id, offset));
        Outcome.Holds(cursors, cursor => Assert.Equal(cursor, RankCursor.Parse(cursor.ToString())));
    }

    [Fact]
    public void Any_text_reads_to_a_skeleton_cursor_or_null()
    {
        var codec = new SkeletonCursorCodec();
        var written = Gen.Select(Gen.Guid, Gen.Int[0, int.MaxValue], Gen.Int, (id, offset, version) => codec.Encode(new SkeletonCursor(id, offset, version)));
        var mutated = Gen.Select(written, Gen.Int.NonNegative, Gen.Char["AZaz09-_=+/ ."], (text, at, c) =>
        {
            var i = at % text.Length;
            return text[..i] + c + text[(i + 1)..];
        });
        Outcome.Holds(Gen.Frequency((2, CursorLike), (2, mutated), (1, written)), text => Outcome.Within(() =>
        {
            if (codec.Decode(text) is { } cursor)
                Assert.True(cursor.Offset >= 0);
            return true;
        }));
    }

    [Fact]
    public void Skeleton_cursors_read_back_as_themselves_and_only_with_their_key()
    {
        var codec = new SkeletonCursorCodec();
        var other = new SkeletonCursorCodec();
        var cursors = Gen.Select(Gen.Guid, Gen.Int[0, int.MaxValue], Gen.Int, (id, offset, version) => new SkeletonCursor(id, offset, version));
        Outcome.Holds(cursors, cursor =>
        {
            Assert.Equal(cursor, codec.Decode(codec.Encode(cursor)));
            Assert.Null(other.Decode(codec.Encode(cursor)));
        });
    }
}
