using Middleware.Ranking;

namespace Middleware.Plugins.Template;

/// <summary>Newest first, but posts with pictures or video, and posts from one chosen instance,
/// count as if they were a few hours newer. A small, complete example of a ranking plugin:
/// metadata with the texts the EU Digital Services Act asks for, typed parameters with defaults and
/// limits, a deterministic order, and an explanation for every post.</summary>
public sealed class InstanceAndMediaRanker : IRanker
{
    /// <summary>Must equal <c>id</c> in plugin.json.</summary>
    public const string Id = "instance-and-media";

    private const double DefaultMediaBonusHours = 6;
    private const double DefaultInstanceBonusHours = 12;
    private const double MaxBonusHours = 7 * 24;

    /// <summary>The host reads this once, when it loads the plugin.</summary>
    public RankerMetadata Metadata { get; } = new()
    {
        Id = Id,
        Version = "1.0.0", // must equal "version" in plugin.json
        Description = "Newest first, with a head start for posts with media and for posts from one chosen instance.",
        MainParameters = "Posts are shown newest first. A post with pictures or video is treated as if it were "
            + "published a few hours later than it was, and so is a post from the instance this feed "
            + "favours (for example your own). Nothing about you or about how popular a post is changes the order.",
        // Feed pages show the text in each language they speak (English and Dutch); optional.
        MainParametersTranslated = new Dictionary<string, string>
        {
            ["nl"] = "Berichten staan op volgorde, nieuwste eerst. Een bericht met foto's of video wordt behandeld alsof het "
                + "een paar uur later is gepubliceerd dan het werd, en net zo een bericht van de instance die deze feed "
                + "voortrekt (bijvoorbeeld je eigen). Niets over jou of over hoe populair een bericht is verandert de volgorde.",
        },
        UsesProfiling = false,
        Parameters =
        [
            new ParameterDescriptor("instance", ParameterType.String, null,
                "Host name of the instance whose posts get a head start, e.g. social.overheid.nl. None when absent."),
            new ParameterDescriptor("instanceBonusHours", ParameterType.Number, DefaultInstanceBonusHours,
                "How many hours newer a post from that instance counts.") { Minimum = 0, Maximum = MaxBonusHours },
            new ParameterDescriptor("mediaBonusHours", ParameterType.Number, DefaultMediaBonusHours,
                "How many hours newer a post with media counts.") { Minimum = 0, Maximum = MaxBonusHours },
        ],
    };

    /// <inheritdoc />
    public ValueTask<RankingResult> RankAsync(RankingRequest request, CancellationToken cancellationToken)
    {
        // Read every parameter before any work: a bad value is the caller's error
        // (RankerParameterException), reported to them rather than replaced by a fallback.
        var settings = new Settings(
            request.Parameters.GetString("instance")?.Trim().ToLowerInvariant() is { Length: > 0 } host ? host : null,
            request.Parameters.GetNumber("instanceBonusHours", DefaultInstanceBonusHours, 0, MaxBonusHours),
            request.Parameters.GetNumber("mediaBonusHours", DefaultMediaBonusHours, 0, MaxBonusHours));

        var scored = new List<(Candidate Candidate, Explained Score)>(request.Candidates.Count);
        foreach (var candidate in request.Candidates)
        {
            // Ranking is cheap here; a heavier ranker checks its token in its loops like this, so
            // that the host can stop it when its time budget is spent.
            cancellationToken.ThrowIfCancellationRequested();
            scored.Add((candidate, Score(candidate, request.Now, settings)));
        }

        var items = scored
            .OrderByDescending(s => s.Score.Total)
            // Ties are broken by fixed keys: the same candidates always give the same order.
            .ThenByDescending(s => s.Candidate.Published)
            .ThenBy(s => s.Candidate.PostUri, StringComparer.Ordinal)
            .Take(request.Limit)
            .Select(s => new RankedItem(s.Candidate.PostUri, s.Score.Total, new Explanation(Id, s.Score.Summary, s.Score.Factors)))
            .ToList();
        return ValueTask.FromResult(new RankingResult(items));
    }

    private sealed record Settings(string? Instance, double InstanceBonusHours, double MediaBonusHours);

    private sealed record Explained(double Total, string Summary, IReadOnlyList<ExplanationFactor> Factors);

    // The score is in hours: minus the post's age, plus its head starts. Each part is one factor.
    private static Explained Score(Candidate candidate, DateTimeOffset now, Settings settings)
    {
        var ageHours = candidate.AgeAt(now).TotalHours;
        var hasMedia = candidate.MediaCount > 0;
        var fromInstance = settings.Instance is not null
            && string.Equals(candidate.Instance, settings.Instance, StringComparison.OrdinalIgnoreCase);
        var mediaBonus = hasMedia ? settings.MediaBonusHours : 0;
        var instanceBonus = fromInstance ? settings.InstanceBonusHours : 0;

        var factors = new List<ExplanationFactor> { new("ageHours", ageHours, -ageHours) };
        if (mediaBonus > 0)
            factors.Add(new("media", candidate.MediaCount, mediaBonus, $"counts as {mediaBonus:0.#} hours newer"));
        if (instanceBonus > 0)
            factors.Add(new("instance", 1, instanceBonus, $"from {settings.Instance}, counts as {instanceBonus:0.#} hours newer"));

        var reasons = new List<string> { $"Published {DescribeAge(ageHours)} ago" };
        if (mediaBonus > 0)
            reasons.Add($"has media (+{mediaBonus:0.#} h)");
        if (instanceBonus > 0)
            reasons.Add($"is from {settings.Instance} (+{instanceBonus:0.#} h)");
        var summary = string.Join("; ", reasons) + ".";

        return new Explained(
            -ageHours + mediaBonus + instanceBonus,
            summary,
            factors.OrderByDescending(f => Math.Abs(f.Contribution)).ToList());
    }

    private static string DescribeAge(double hours) => hours switch
    {
        < 1 => Count(hours * 60, "0", "minute"),
        < 48 => Count(hours, "0.#", "hour"),
        _ => Count(hours / 24, "0.#", "day"),
    };

    private static string Count(double value, string format, string unit)
    {
        var number = value.ToString(format, System.Globalization.CultureInfo.InvariantCulture);
        return number == "1" ? $"1 {unit}" : $"{number} {unit}s";
    }
}
