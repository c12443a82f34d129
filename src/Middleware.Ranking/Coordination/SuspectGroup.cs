namespace Middleware.Ranking.Coordination;

/// <summary>Accounts found acting together, with why: the working form of a group before groups that
/// share most of their accounts are merged and each account is given to one group.</summary>
internal sealed class SuspectGroup
{
    public required HashSet<int> Members { get; init; }
    /// <summary>log10 of the chance of the strongest evidence, were there no coordination.</summary>
    public required double Log10Chance { get; set; }
    /// <summary>Plain sentences, strongest first.</summary>
    public required List<(double Log10Chance, string Text)> Reasons { get; init; }
    /// <summary>"burst", "recurring bursts" or "co-choices": the strongest evidence's kind.</summary>
    public required string Kind { get; set; }

    public void Absorb(SuspectGroup other)
    {
        Members.UnionWith(other.Members);
        foreach (var reason in other.Reasons)
        {
            if (!Reasons.Any(r => r.Text == reason.Text))
                Reasons.Add(reason);
        }
        Reasons.Sort((a, b) => a.Log10Chance.CompareTo(b.Log10Chance));
        if (other.Log10Chance < Log10Chance)
            (Log10Chance, Kind) = (other.Log10Chance, other.Kind);
    }
}
