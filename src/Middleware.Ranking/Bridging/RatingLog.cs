using Middleware.Core.Ranking;

namespace Middleware.Ranking.Bridging;

/// <summary>The signals of one refit, with rater and post ids interned to dense indexes while they
/// stream in: parallel arrays of ints, no object per signal, so a million signals cost ~17 MB
/// beyond the distinct strings.</summary>
internal sealed class RatingLog
{
    private readonly Dictionary<string, int> raterIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> postIndex = new(StringComparer.Ordinal);
    private int[] raters = new int[1024];
    private int[] posts = new int[1024];
    private byte[] kinds = new byte[1024];
    private long[] seconds = new long[1024];

    /// <summary>Distinct rater ids; a rater's index is its position.</summary>
    public List<string> Raters { get; } = [];

    /// <summary>Distinct post ids; a post's index is its position.</summary>
    public List<string> Posts { get; } = [];

    public int Count { get; private set; }

    public ReadOnlySpan<int> RaterOf => raters.AsSpan(0, Count);
    public ReadOnlySpan<int> PostOf => posts.AsSpan(0, Count);
    public ReadOnlySpan<byte> KindOf => kinds.AsSpan(0, Count);

    /// <summary>Unix time in seconds.</summary>
    public ReadOnlySpan<long> SecondsOf => seconds.AsSpan(0, Count);

    public static async Task<RatingLog> ReadAsync(IRatingSource source, DateTimeOffset since, CancellationToken ct)
    {
        var log = new RatingLog();
        await foreach (var signal in source.ReadAsync(since, ct).WithCancellation(ct))
            log.Add(signal);
        return log;
    }

    public static RatingLog From(IEnumerable<RatingSignal> signals)
    {
        var log = new RatingLog();
        foreach (var signal in signals)
            log.Add(signal);
        return log;
    }

    public void Add(in RatingSignal signal)
    {
        if (Count == raters.Length)
            Grow();
        raters[Count] = Intern(raterIndex, Raters, signal.Rater);
        posts[Count] = Intern(postIndex, Posts, signal.Post);
        kinds[Count] = (byte)signal.Kind;
        seconds[Count] = signal.At.ToUnixTimeSeconds();
        Count++;
    }

    private static int Intern(Dictionary<string, int> index, List<string> names, string name)
    {
        if (!index.TryGetValue(name, out var i))
        {
            i = names.Count;
            index.Add(name, i);
            names.Add(name);
        }
        return i;
    }

    private void Grow()
    {
        var size = raters.Length * 2;
        Array.Resize(ref raters, size);
        Array.Resize(ref posts, size);
        Array.Resize(ref kinds, size);
        Array.Resize(ref seconds, size);
    }
}
