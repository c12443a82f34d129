namespace Middleware.Ranking.Coordination;

/// <summary>Kinds of account a burst can be checked for, each a supporting sign of coordination when
/// a burst holds far more of them than the post's other choosers do: accounts of one small instance,
/// new accounts, light accounts (few choices at all), new accounts that are also light (a sleeper
/// account's fingerprint), and authors of near-duplicate texts. Stratum numbers: hosts 0..H−1, then
/// new, light, new and light, then one per text group.</summary>
internal sealed class AccountStrata
{
    /// <summary>An instance counts as "one instance" evidence only when it holds at most this share
    /// of all choices: a large instance's local timeline makes its users act together all the time.</summary>
    private const double SmallInstanceShare = 0.05;

    public required int[] HostOf { get; init; }
    public required bool[] New { get; init; }
    public required bool[] Light { get; init; }
    public required int[] TextGroupOf { get; init; }
    public required string[] Hosts { get; init; }
    public required int TextGroups { get; init; }
    /// <summary>Per stratum, its share of all choices (the prior for a post's context).</summary>
    public required double[] GlobalShare { get; init; }

    public int NewStratum => Hosts.Length;
    public int LightStratum => Hosts.Length + 1;
    public int NewLightStratum => Hosts.Length + 2;
    public int Count => Hosts.Length + 3 + TextGroups;
    public int TextStratum(int group) => Hosts.Length + 3 + group;

    /// <summary>True for the strata that are evidence on their own; light accounts need a pure burst too.</summary>
    public bool IsStrong(int stratum) =>
        stratum == NewStratum || stratum >= NewLightStratum || (stratum < Hosts.Length && GlobalShare[stratum] <= SmallInstanceShare);

    /// <summary>Writes the strata of <paramref name="rater"/> into <paramref name="into"/> (room for five); returns how many.</summary>
    public int Of(int rater, Span<int> into)
    {
        var n = 0;
        into[n++] = HostOf[rater];
        if (New[rater]) into[n++] = NewStratum;
        if (Light[rater]) into[n++] = LightStratum;
        if (New[rater] && Light[rater]) into[n++] = NewLightStratum;
        if (TextGroupOf[rater] >= 0) into[n++] = TextStratum(TextGroupOf[rater]);
        return n;
    }

    public string Describe(int stratum, CoordinationOptions o) => stratum switch
    {
        _ when stratum < Hosts.Length => $"on {Hosts[stratum]}",
        _ when stratum == NewStratum => $"created less than {o.NewAccountAge.TotalDays:0} days before they first acted",
        _ when stratum == LightStratum => $"light accounts (at most {o.LightAccountChoices} choices in all)",
        _ when stratum == NewLightStratum => $"new accounts that did little else (created less than {o.NewAccountAge.TotalDays:0} days before they first acted, at most {o.LightAccountChoices} choices in all)",
        _ => "authors of near-duplicate texts",
    };

    public static AccountStrata Build(IReadOnlyList<string> raters, ChoiceTimeline timeline, CoordinationFacts facts, CoordinationOptions o)
    {
        var hostIndex = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var hosts = new List<string>();
        var hostOf = new int[raters.Count];
        var isNew = new bool[raters.Count];
        var light = new bool[raters.Count];
        var textGroupOf = new int[raters.Count];
        for (var r = 0; r < raters.Count; r++)
        {
            var host = HostName(raters[r]);
            if (!hostIndex.TryGetValue(host, out var h))
            {
                hostIndex[host] = h = hosts.Count;
                hosts.Add(host);
            }
            hostOf[r] = h;
            var first = timeline.RaterFirst[r];
            isNew[r] = first != long.MaxValue && facts.Created.TryGetValue(raters[r], out var created)
                && timeline.Origin + first - created.ToUnixTimeSeconds() < (long)o.NewAccountAge.TotalSeconds;
            light[r] = timeline.RaterChoices[r] is > 0 and var c && c <= o.LightAccountChoices;
            textGroupOf[r] = facts.TextGroupOf.TryGetValue(raters[r], out var g) ? g : -1;
        }
        var strata = new AccountStrata
        {
            HostOf = hostOf, New = isNew, Light = light, TextGroupOf = textGroupOf, Hosts = hosts.ToArray(),
            TextGroups = facts.TextGroups, GlobalShare = new double[hosts.Count + 3 + facts.TextGroups],
        };
        Span<int> mine = stackalloc int[5];
        foreach (var r in timeline.Rater)
        {
            var n = strata.Of(r, mine);
            for (var i = 0; i < n; i++)
                strata.GlobalShare[mine[i]]++;
        }
        for (var s = 0; s < strata.GlobalShare.Length; s++)
            strata.GlobalShare[s] /= Math.Max(1, timeline.Count);
        return strata;
    }

    /// <summary>The host of an actor URI, or the URI's scheme for <c>urn:</c> ids.</summary>
    private static string HostName(string actor)
    {
        var start = actor.IndexOf("://", StringComparison.Ordinal);
        if (start < 0)
        {
            var colon = actor.IndexOf(':');
            return colon < 0 ? actor : actor[..colon];
        }
        start += 3;
        var end = actor.IndexOfAny(['/', '?', '#'], start);
        return end < 0 ? actor[start..] : actor[start..end];
    }
}
