namespace Middleware.Ranking.Coordination;

/// <summary>A hash for (a, b) pair keys. <see cref="long.GetHashCode"/> folds the halves with XOR,
/// so pairs of small account numbers collide in a few thousand buckets and counting turns quadratic;
/// multiplying by an odd 64-bit constant spreads them.</summary>
internal sealed class MixedPairHash : IEqualityComparer<long>
{
    public static MixedPairHash Instance { get; } = new();

    public bool Equals(long x, long y) => x == y;

    public int GetHashCode(long key) => (int)((ulong)key * 0x9E3779B97F4A7C15UL >>> 32);
}
