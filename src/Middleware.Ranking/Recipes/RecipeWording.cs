using System.Globalization;

namespace Middleware.Ranking.Recipes;

/// <summary>One recipe in plain words, English and Dutch: what it leaves out, how many points each
/// signal gives, how fast points fade, the caps and the blend. Feed cards show these sentences under
/// the ranker's general text, so a reader learns what this feed's recipe does, not only what recipes
/// can do (DSA art. 27: the main parameters and their relative importance).</summary>
internal static class RecipeWording
{
    public static IReadOnlyList<(string En, string Nl)> Describe(Recipe recipe)
    {
        var lines = new List<(string En, string Nl)>();
        if (recipe.Blend.Count > 0)
        {
            var total = recipe.Blend.Sum(b => b.Weight);
            var parts = string.Join(", ", recipe.Blend.Select(b => $"'{b.Ranker}' {Percent(b.Weight / total)}"));
            lines.Add(($"This recipe mixes rankers, taking posts from each in turn in these shares: {parts}.",
                $"Dit recept mengt rankers en neemt om beurten berichten van elk, in deze verhouding: {parts}."));
        }
        else if (recipe.Weights.Count > 0)
        {
            var ordered = recipe.Weights.OrderByDescending(w => Math.Abs(w.Weight)).ToList();
            lines.Add((
                $"Points per signal, the weightiest first: {string.Join(", ", ordered.Select(w => $"{Feature(w.Feature).En} {Signed(w.Weight, false)}"))}. "
                + "Counts are on a logarithmic scale: going from 0 to 10 favourites counts as much as going from 10 to 120. Most points come first.",
                $"Punten per signaal, het zwaarste eerst: {string.Join(", ", ordered.Select(w => $"{Feature(w.Feature).Nl} {Signed(w.Weight, true)}"))}. "
                + "Aantallen tellen op een logaritmische schaal: van 0 naar 10 favorieten telt even zwaar als van 10 naar 120. De meeste punten komen eerst."));
        }
        else
        {
            lines.Add(("This recipe gives no points: the posts it keeps are shown newest first.",
                "Dit recept geeft geen punten: de berichten die het houdt staan op volgorde, nieuwste eerst."));
        }

        if (recipe.HalfLifeHours is { } halfLife && recipe.Blend.Count == 0)
            lines.Add(($"A post's points halve every {Number(halfLife, false)} hours as it ages.",
                $"De punten van een bericht halveren elke {Number(halfLife, true)} uur naarmate het ouder wordt."));

        if (recipe.Caps is { } caps)
        {
            var where = caps.TopK is { } top ? ($"among the first {top}", $"bij de eerste {top}") : ("on a page", "op een pagina");
            var en = new List<string>();
            var nl = new List<string>();
            if (caps.PerAuthor is { } perAuthor)
            {
                en.Add($"{perAuthor} per author");
                nl.Add($"{perAuthor} per auteur");
            }
            if (caps.PerInstance is { } perInstance)
            {
                en.Add($"{perInstance} per instance");
                nl.Add($"{perInstance} per instance");
            }
            lines.Add(($"At most {string.Join(" and ", en)} {where.Item1}; further posts move down.",
                $"Hoogstens {string.Join(" en ", nl)} {where.Item2}; verdere berichten schuiven naar beneden."));
        }

        lines.AddRange(Filters(recipe.Filters));
        return lines;
    }

    private static IEnumerable<(string En, string Nl)> Filters(RecipeFilters f)
    {
        if (f.Languages.Count > 0)
            yield return ($"Only posts in these languages: {List(f.Languages)}.", $"Alleen berichten in deze talen: {List(f.Languages)}.");
        if (f.Hashtags.Count > 0)
            yield return ($"Only posts with one of these hashtags: {List(f.Hashtags.Select(t => "#" + t))}.",
                $"Alleen berichten met een van deze hashtags: {List(f.Hashtags.Select(t => "#" + t))}.");
        if (f.ExcludeKeywords.Count > 0)
            yield return ($"Posts with these words are left out: {List(f.ExcludeKeywords)}.",
                $"Berichten met deze woorden worden weggelaten: {List(f.ExcludeKeywords)}.");
        if (f.IncludeInstances.Count > 0)
            yield return ($"Only posts from these instances: {List(f.IncludeInstances)}.", $"Alleen berichten van deze instances: {List(f.IncludeInstances)}.");
        if (f.ExcludeInstances.Count > 0)
            yield return ($"Posts from these instances are left out: {List(f.ExcludeInstances)}.",
                $"Berichten van deze instances worden weggelaten: {List(f.ExcludeInstances)}.");
        if (f.MediaOnly)
            yield return ("Only posts with pictures or video.", "Alleen berichten met foto's of video.");
        if (f.NoReplies)
            yield return ("Replies are left out.", "Antwoorden worden weggelaten.");
        if (f.MaxAgeHours is { } maxAge)
            yield return ($"Posts older than {Number(maxAge, false)} hours are left out.", $"Berichten ouder dan {Number(maxAge, true)} uur worden weggelaten.");
    }

    private static (string En, string Nl) Feature(RecipeFeature feature) => feature switch
    {
        RecipeFeature.Favourites => ("favourites", "favorieten"),
        RecipeFeature.Boosts => ("boosts", "boosts"),
        RecipeFeature.Replies => ("replies", "antwoorden"),
        RecipeFeature.DistinctEngagers => ("different accounts that reacted", "verschillende accounts die reageerden"),
        RecipeFeature.Impressions => ("times shown", "keren getoond"),
        RecipeFeature.Disagreements => ("'disagree' votes", "stemmen 'oneens'"),
        RecipeFeature.ViewerFollowsAuthor => ("you follow the author", "je volgt de auteur"),
        RecipeFeature.Media => ("has pictures or video", "heeft foto's of video"),
        RecipeFeature.ContentWarning => ("has a content warning", "heeft een inhoudswaarschuwing"),
        RecipeFeature.IsReply => ("is a reply", "is een antwoord"),
        RecipeFeature.Length => ("length of the text", "lengte van de tekst"),
        RecipeFeature.CoordinationScore => ("share of reactions from coordinated groups", "aandeel reacties uit gecoördineerde groepen"),
        RecipeFeature.AgeHours => ("age in hours", "leeftijd in uren"),
        _ => (RecipeFeatures.Name(feature), RecipeFeatures.Name(feature)),
    };

    private static string List(IEnumerable<string> items) => string.Join(", ", items);

    private static string Signed(double weight, bool dutch) => (weight >= 0 ? "+" : "−") + Number(Math.Abs(weight), dutch);

    private static string Percent(double share) => Math.Round(share * 100).ToString(CultureInfo.InvariantCulture) + "%";

    // Written out by hand: the service runs in invariant globalization mode (no Dutch culture data).
    private static string Number(double value, bool dutch)
    {
        var text = value.ToString("0.##", CultureInfo.InvariantCulture);
        return dutch ? text.Replace('.', ',') : text;
    }
}
