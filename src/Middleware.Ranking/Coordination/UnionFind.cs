namespace Middleware.Ranking.Coordination;

/// <summary>Disjoint sets over 0..n-1 with path halving and union by size.</summary>
internal sealed class UnionFind
{
    private readonly int[] parent;
    private readonly int[] size;

    public UnionFind(int n)
    {
        parent = new int[n];
        size = new int[n];
        for (var i = 0; i < n; i++)
        {
            parent[i] = i;
            size[i] = 1;
        }
    }

    public int Find(int x)
    {
        while (parent[x] != x)
        {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    public void Union(int a, int b)
    {
        a = Find(a);
        b = Find(b);
        if (a == b)
            return;
        if (size[a] < size[b])
            (a, b) = (b, a);
        parent[b] = a;
        size[a] += size[b];
    }

    /// <summary>Size of the set holding <paramref name="x"/>.</summary>
    public int SizeOf(int x) => size[Find(x)];
}
