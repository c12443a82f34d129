using System.Globalization;
using Middleware.Ranking;

namespace MiddlewareRanker;

/// <summary>Newest first, with a head start for posts carrying one chosen hashtag. Replace the
/// scoring with your own; keep what makes a plugin a good one: metadata with the texts the EU
/// Digital Services Act asks for, parameters read and checked before any work, a deterministic
/// order, an explanation for every post, and a cancellation check in the loop.</summary>
public sealed class HashtagHeadStartRanker : IRanker
{
    /// <summary>Must equal <c>id</c> in plugin.json.</summary>
    public const string Id = "plugin-id-placeholder";

    private const double DefaultBonusHours = 6;
    private const double MaxBonusHours = 7 * 24;

    /// <summary>The host reads this once, when it loads the plugin.</summary>
    public RankerMetadata Metadata { get; } = new()
    {
        Id = Id,
        Version = "1.0.0", // must equal "version" in plugin.json
        Description = "Newest first, with a head start for posts carrying one chosen hashtag.",
        MainParameters = "Posts are shown newest first. A post with the hashtag this feed favours is treated as if it "
            + "were published a few hours later than it was. Nothing about you or about how popular a post is changes the order.",
        // Feed pages show the text in each language they speak (English and Dutch); optional.
        MainParametersTranslated = new Dictionary<string, string>
        {
            ["nl"] = "Berichten staan op volgorde, nieuwste eerst. Een bericht met de hashtag die deze feed voortrekt, wordt "
                + "behandeld alsof het een paar uur later is gepubliceerd dan het werd. Niets over jou of over hoe populair een bericht is verandert de volgorde.",
        },
        UsesProfiling = false,
        Parameters =
        [
            new ParameterDescriptor("hashtag", ParameterType.String, null,
                "The hashtag (without #) whose posts get a head start. None when absent."),
            new ParameterDescriptor("bonusHours", ParameterType.Number, DefaultBonusHours,
                "How many hours newer a post with the hashtag counts.") { Minimum = 0, Maximum = MaxBonusHours },
        ],
    };

    /// <inheritdoc />
    public ValueTask<RankingResult> RankAsync(RankingRequest request, CancellationToken cancellationToken)
    {
        // A bad value is the caller's error (RankerParameterException), reported to them.
        var hashtag = request.Parameters.GetString("hashtag")?.Trim().TrimStart('#').ToLowerInvariant() is { Length: > 0 } tag ? tag : null;
        var bonusHours = request.Parameters.GetNumber("bonusHours", DefaultBonusHours, 0, MaxBonusHours);

        var scored = new List<(Candidate Candidate, double Score, Explanation Explanation)>(request.Candidates.Count);
        foreach (var candidate in request.Candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var ageHours = candidate.AgeAt(request.Now).TotalHours;
            var bonus = hashtag is not null && candidate.Hashtags.Contains(hashtag) ? bonusHours : 0;
            var factors = new List<ExplanationFactor> { new("ageHours", ageHours, -ageHours) };
            var summary = $"Published {ageHours.ToString("0.#", CultureInfo.InvariantCulture)} hours ago";
            if (bonus > 0)
            {
                factors.Insert(bonus >= ageHours ? 0 : 1, new("hashtag", 1, bonus, $"#{hashtag} counts as {bonus:0.#} hours newer"));
                summary += $"; has #{hashtag} (+{bonus.ToString("0.#", CultureInfo.InvariantCulture)} h)";
            }
            scored.Add((candidate, bonus - ageHours, new Explanation(Id, summary + ".", factors)));
        }

        var items = scored
            .OrderByDescending(s => s.Score)
            // Ties are broken by fixed keys: the same candidates always give the same order.
            .ThenByDescending(s => s.Candidate.Published)
            .ThenBy(s => s.Candidate.PostUri, StringComparer.Ordinal)
            .Take(request.Limit)
            .Select(s => new RankedItem(s.Candidate.PostUri, s.Score, s.Explanation))
            .ToList();
        return ValueTask.FromResult(new RankingResult(items));
    }
}
