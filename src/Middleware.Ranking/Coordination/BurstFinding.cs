namespace Middleware.Ranking.Coordination;

/// <summary>How a burst came to be suspect.</summary>
internal enum BurstKind
{
    /// <summary>A kind of account that is evidence on its own (new, one small instance, near-duplicate
    /// texts) is far more common in the burst than among the post's other choosers.</summary>
    Stratum,
    /// <summary>Almost everyone in the burst is excess and the excess is light accounts.</summary>
    LightPure,
    /// <summary>Almost everyone in the burst is excess, nothing else known: suspect only if the same
    /// accounts burst together again at another moment (<see cref="RecurringBursts"/>).</summary>
    Pure,
}

/// <summary>A window in which one post drew more choices, or more of one kind of account, than its
/// own activity around that time predicts.</summary>
internal sealed class BurstFinding
{
    public required int Event { get; init; }
    /// <summary>The window: tiles [FromTile, ToTile).</summary>
    public required long FromTile { get; set; }
    public required long ToTile { get; set; }
    public required int Participants { get; set; }
    /// <summary>Choices the window should hold given the post's activity around it and everyone's in it.</summary>
    public required double Expected { get; set; }
    public required double Log10Chance { get; set; }
    public required BurstKind Kind { get; init; }
    /// <summary>The over-represented stratum, or -1.</summary>
    public int Stratum { get; init; } = -1;
    public int StratumCount { get; set; }
    public double StratumExpected { get; set; }
    public double StratumLog10Chance { get; set; }
    /// <summary>The accounts it makes suspect (the stratum's participants, or all participants).</summary>
    public required HashSet<int> Members { get; init; }

    /// <summary>log10 of the chance of the whole finding: for a stratum, of a burst this large with this
    /// many of the stratum in it (the second chance is taken given the burst's size, so they multiply).</summary>
    public double Strength => Kind == BurstKind.Pure ? Log10Chance : Log10Chance + StratumLog10Chance;
}
