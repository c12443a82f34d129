using System.Globalization;
using System.Text.Json;
using Middleware.Core.Feeds;
using Middleware.Core.Sources;
using Middleware.Ranking;

namespace Middleware.Server.Feeds.Cards;

/// <summary>The card's sentences in English and Dutch, made from the feed's definition, the ranker's
/// metadata and the current ranking. The ranker's own account of its main parameters is its
/// <see cref="RankerMetadata.MainParameters"/> and, in Dutch, its <c>nl</c> translation; a ranker
/// without one (a plugin may have none) is said to explain itself in English only, rather than guessed at.</summary>
public static class FeedCardWording
{
    /// <param name="definition">This feed's own definition in plain words, where its ranker says it (a
    /// recipe's weights, decay, caps and filters); shown right after the ranker's general text.</param>
    public static IReadOnlyList<PlainText> MainParameters(Feed feed, RankerMetadata? metadata, FeedCardRanker ranker, IReadOnlyList<Source> sources,
        IReadOnlyList<PlainText>? definition = null)
    {
        var lines = new List<PlainText>();
        if (ranker.Fallback is { } fallback)
            lines.Add(new(fallback, $"De ranker '{ranker.Id}' is niet beschikbaar; de feed staat in chronologische volgorde (nieuwste eerst)."));
        if (metadata is not null)
            lines.Add(new(metadata.MainParameters,
                metadata.MainParametersTranslated.TryGetValue("nl", out var dutch) && !string.IsNullOrWhiteSpace(dutch)
                    ? dutch
                    : $"Volgorde door de ranker '{metadata.Id}' (versie {metadata.Version}). Zijn eigen uitleg hierboven bestaat alleen in het Engels."));
        lines.AddRange(definition ?? []);
        lines.Add(Sources(feed, sources));
        lines.Add(new("Only public posts of authors who allow discovery (discoverable and indexable) are shown.",
            "Alleen openbare berichten van auteurs die vindbaarheid toestaan (discoverable en indexable) worden getoond."));
        if (Filters(feed.FiltersJson) is { } filters)
            lines.Add(new($"Filters leave posts out: {filters}.", $"Filters laten berichten weg: {filters}."));
        lines.Add(new(
            $"The feed account boosts the top of the ranking at most every {Duration(feed.BoostIntervalSeconds, false)}, at most {feed.MaxBoostsPerHour} posts an hour.",
            $"Het feed-account boost de top van de ranglijst hoogstens elke {Duration(feed.BoostIntervalSeconds, true)}, hoogstens {feed.MaxBoostsPerHour} berichten per uur."));
        lines.Add(feed.HomeCandidates > 0
            ? new($"Chosen for a home timeline, it adds its own top {feed.HomeCandidates} posts to it and orders it.",
                $"Gekozen voor een thuistijdlijn voegt de feed zijn eigen top {feed.HomeCandidates} berichten toe en bepaalt de volgorde.")
            : new("Chosen for a home timeline, it only orders that timeline and adds no posts of its own.",
                "Gekozen voor een thuistijdlijn bepaalt de feed alleen de volgorde en voegt geen eigen berichten toe."));
        return lines;
    }

    public static FeedCardProfiling Profiling(Feed feed, RankerMetadata? metadata)
    {
        if (metadata?.UsesProfiling == true)
            return new(true, new(
                "Yes, for a reader whose app sends a client token: the ranker uses that reader's own signals. Anonymous readers, this page, Atom and the feed account's boosts get one shared order that uses no personal data.",
                "Ja, voor een lezer wiens app een client-token meestuurt: de ranker gebruikt de eigen signalen van die lezer. Anonieme lezers, deze pagina, Atom en de boosts van het feed-account krijgen één gedeelde volgorde zonder persoonsgegevens."));
        if (feed.ParametersJson.Contains("viewerFollowsAuthor", StringComparison.Ordinal))
            return new(true, new(
                "Partly: the recipe's 'viewerFollowsAuthor' signal uses whom a reader follows, when their app sends a client token. Anonymous readers, this page, Atom and the feed account's boosts get one shared order that uses no personal data.",
                "Gedeeltelijk: het signaal 'viewerFollowsAuthor' van het recept gebruikt wie een lezer volgt, als diens app een client-token meestuurt. Anonieme lezers, deze pagina, Atom en de boosts van het feed-account krijgen één gedeelde volgorde zonder persoonsgegevens."));
        return new(false, new(
            "No: the order uses no personal data of whoever reads it; every reader sees the same order. It may use public facts about posts and what other accounts did with them, as the main parameters say.",
            "Nee: de volgorde gebruikt geen persoonsgegevens van de lezer; iedere lezer ziet dezelfde volgorde. Ze kan openbare gegevens over berichten gebruiken en wat andere accounts ermee deden, zoals de hoofdparameters zeggen."));
    }

    public static IReadOnlyList<PlainText> Options(string account) =>
    [
        new($"Follow {account} from your own instance to get its top posts boosted into your home timeline; unfollow to stop.",
            $"Volg {account} vanaf je eigen instance om de beste berichten in je thuistijdlijn geboost te krijgen; ontvolg om te stoppen."),
        new("Choose another feed from the directory (/feeds); a chronological feed orders by time only and uses no profiling.",
            "Kies een andere feed uit het overzicht (/feeds); een chronologische feed ordent alleen op tijd en gebruikt geen profilering."),
        new("Log in to this service from a Mastodon app to choose which feed or ranker orders your own home timeline, or keep it chronological.",
            "Log vanuit een Mastodon-app in op deze dienst om te kiezen welke feed of ranker je eigen thuistijdlijn ordent, of houd die chronologisch."),
        new("Give your own Agree / Disagree / Pass votes on the vote page; rankers that learn from votes (bridging) count them.",
            "Geef je eigen stemmen (eens / oneens / overslaan) op de stempagina; rankers die van stemmen leren (bridging) tellen ze mee."),
    ];

    public static PlainText Importance(IReadOnlyList<FeedCardFactor> factors, int posts)
    {
        if (posts == 0)
            return new("Not known yet: the current ranking has no posts.", "Nog niet bekend: de huidige ranglijst heeft geen berichten.");
        if (factors.Count == 0)
            return new($"No factor moved the scores of the top {posts} posts of the current ranking (every contribution was 0).",
                $"Geen enkele factor veranderde de scores van de top {posts} berichten van de huidige ranglijst (elke bijdrage was 0).");
        // Written out by hand: the service runs in invariant globalization mode (no Dutch culture data).
        var shares = string.Join(", ", factors.Select(f => $"{f.Feature} {Math.Round(f.Share * 100).ToString(CultureInfo.InvariantCulture)}%"));
        return new($"In the top {posts} posts of the current ranking, the factors weighed: {shares} (share of all score contributions).",
            $"In de top {posts} berichten van de huidige ranglijst wogen de factoren: {shares} (aandeel in alle bijdragen aan de score).");
    }

    private static PlainText Sources(Feed feed, IReadOnlyList<Source> all)
    {
        if (feed.SourceIds is null)
            return new("Posts come from every source this service follows (accounts, relays, instance timelines).",
                "Berichten komen uit alle bronnen die deze dienst volgt (accounts, relays, tijdlijnen van instances).");
        var chosen = all.Where(s => feed.SourceIds.Contains(s.Id)).Select(s => $"{s.Type.ToString().ToLowerInvariant()} {s.Target}").ToList();
        var list = chosen.Count == 0 ? "—" : string.Join("; ", chosen);
        return new($"Posts come only from {chosen.Count} chosen source(s): {list}.", $"Berichten komen alleen uit {chosen.Count} gekozen bron(nen): {list}.");
    }

    /// <summary>The filter object as <c>key: value</c> pairs, or null when there is none.</summary>
    private static string? Filters(string? json)
    {
        if (json is null)
            return null;
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
            return null;
        var pairs = doc.RootElement.EnumerateObject().Select(p => $"{p.Name}: {Compact(p.Value)}").ToList();
        return pairs.Count == 0 ? null : string.Join("; ", pairs);
    }

    public static string Compact(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(Compact)),
        _ => value.GetRawText(),
    };

    private static string Duration(int seconds, bool dutch)
    {
        var (n, en, nl) = seconds % 3600 == 0 ? (seconds / 3600, "hour", "uur")
            : seconds % 60 == 0 ? (seconds / 60, "minute", "minuut") : (seconds, "second", "seconde");
        var unit = dutch ? (n == 1 || nl == "uur" ? nl : nl == "minuut" ? "minuten" : "seconden") : n == 1 ? en : en + "s";
        return n == 1 ? unit : $"{n} {unit}";
    }
}
