namespace Middleware.Ranking.Coordination;

/// <summary>One window of a post's timeline, as positions in <see cref="ChoiceTimeline"/>: the window
/// itself (two tiles from <see cref="Tile"/>) and its context on either side, a tile away (a burst that
/// spills over the window's edge must not count as its own context).</summary>
internal readonly record struct BurstWindow(int Event, long Tile, int From, int To, int LeftFrom, int LeftTo, int RightFrom, int RightTo)
{
    public int Participants => To - From;

    /// <summary>The post's choices around the window.</summary>
    public int Context => (LeftTo - LeftFrom) + (RightTo - RightFrom);

    public static BurstWindow At(ChoiceTimeline t, int e, int from, long contextTiles)
    {
        var k = t.TileOf(t.At[from]);
        return new BurstWindow(e, k, from, t.FirstAtOrAfter(e, k + 2),
            t.FirstAtOrAfter(e, k - 1 - contextTiles), t.FirstAtOrAfter(e, k - 1),
            t.FirstAtOrAfter(e, k + 3), t.FirstAtOrAfter(e, k + 3 + contextTiles));
    }

    /// <summary>Everyone else's choices (not this post's) around the window and in it.</summary>
    public (long Around, long In) Others(ChoiceTimeline t, long contextTiles) =>
        (t.Activity(Tile - 1 - contextTiles, Tile - 1) + t.Activity(Tile + 3, Tile + 3 + contextTiles) - Context,
         t.Activity(Tile, Tile + 2) - Participants);
}
