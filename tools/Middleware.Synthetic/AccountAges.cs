namespace Middleware.Synthetic;

/// <summary>When accounts were created. Organic accounts are mostly old, with a few newcomers (a
/// news moment brings people who just joined); a botnet's accounts are made shortly before use.</summary>
internal static class AccountAges
{
    public static Dictionary<string, DateTimeOffset> Organic(SyntheticOptions o, Random random, IEnumerable<string> accounts)
    {
        var created = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var firstPossibleAction = o.Now - o.Span;
        foreach (var account in accounts)
        {
            created[account] = random.NextDouble() < o.NewAccountShare
                ? firstPossibleAction - TimeSpan.FromDays(14 * random.NextDouble())
                : o.Now - TimeSpan.FromDays(30 + (5 * 365 - 30) * random.NextDouble());
        }
        return created;
    }
}
