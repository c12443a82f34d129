namespace Middleware.Synthetic;

/// <summary>What every attack starts from: its accounts, spread over the organic instances (so no
/// instance gives them away), and its target, the first community-A partisan post old enough that the
/// organic audience has reacted to it too (the attack adds to real support).</summary>
internal static class Attackers
{
    private static readonly string[] Hosts = ["mastodon.example", "a-town.social", "b-ville.social"];

    public static List<string> Accounts(int count, string prefix) =>
        Enumerable.Range(0, count).Select(k => $"https://{Hosts[k % Hosts.Length]}/users/{prefix}{k}").ToList();

    /// <summary>The posts published before the last quarter of the span, and the target among them (-1 when none).</summary>
    public static (List<int> Old, int Target) Target(SyntheticOptions o, List<SyntheticPost> posts)
    {
        var old = Enumerable.Range(0, posts.Count).Where(p => posts[p].Published < o.Now - o.Span / 4).ToList();
        return (old, old.FirstOrDefault(p => posts[p].Label == PostLabel.PartisanA, -1));
    }
}
