namespace Middleware.Ranking.Coordination;

/// <summary>Per tile, the chance that two choices made around then land on the same post by chance:
/// Σ over posts of (the post's share of the choices around the tile)², with the tile's own window
/// left out, so a group that dominates its own minutes does not raise the bar it is measured against.
/// High in a news moment (everyone on the same few posts), low on a quiet day with many posts.</summary>
internal static class CollisionChance
{
    /// <summary>Below this many choices around a tile, its own estimate is blended with the overall one.</summary>
    private const double ThinContext = 50;

    public static double[] PerTile(ChoiceTimeline t, CoordinationOptions o)
    {
        var tiles = t.Tiles;
        var chance = new double[tiles];
        if (tiles == 0)
            return chance;
        var contextTiles = Math.Max(1, (long)Math.Ceiling(o.Context.TotalSeconds / t.TileSeconds));

        // Choices per tile, as (event) lists: a counting sort by tile.
        var tileStart = new int[tiles + 1];
        foreach (var at in t.At)
            tileStart[t.TileOf(at) + 1]++;
        for (var k = 0; k < tiles; k++)
            tileStart[k + 1] += tileStart[k];
        var next = tileStart.AsSpan(0, tiles).ToArray();
        var eventsByTile = new int[t.Count];
        for (var i = 0; i < t.Count; i++)
            eventsByTile[next[t.TileOf(t.At[i])]++] = t.Event[i];

        var counts = new int[t.Events];
        double squares = 0, total = 0;
        void Move(long tile, int delta)
        {
            if (tile < 0 || tile >= tiles)
                return;
            for (var j = tileStart[tile]; j < tileStart[tile + 1]; j++)
            {
                ref var c = ref counts[eventsByTile[j]];
                squares += 2.0 * c * delta + 1;
                c += delta;
                total += delta;
            }
        }

        // The context of tile k, as the burst scan's: tiles [k − 1 − C, k − 1) and [k + 3, k + 3 + C).
        // Slide it one tile at a time.
        for (var k = -1 - contextTiles; k < -1; k++)
            Move(k, 1);
        for (var k = 3; k < 3 + contextTiles; k++)
            Move(k, 1);
        var overall = Overall(t);
        for (long k = 0; k < tiles; k++)
        {
            // Unbiased (a choice does not collide with itself), and pulled towards the whole
            // lookback's chance while the context holds few choices.
            var local = total >= 2 ? (squares - total) / (total * (total - 1)) : overall;
            var weight = Math.Min(1, total / ThinContext);
            chance[k] = weight * local + (1 - weight) * overall;
            Move(k - 1 - contextTiles, -1);
            Move(k - 1, 1);
            Move(k + 3, -1);
            Move(k + 3 + contextTiles, 1);
        }
        return chance;
    }

    /// <summary>The same chance over the whole lookback.</summary>
    private static double Overall(ChoiceTimeline t)
    {
        double squares = 0;
        for (var e = 0; e < t.Events; e++)
        {
            double c = t.EventStart[e + 1] - t.EventStart[e];
            squares += c * (c - 1);
        }
        double n = t.Count;
        return n >= 2 ? squares / (n * (n - 1)) : 1;
    }
}
