namespace Middleware.Ranking.Recipes;

/// <summary>Applies a recipe's <see cref="RecipeFilters"/> to candidates. Every filter narrows:
/// a post is kept only when it passes all of them.</summary>
internal static class RecipeFilter
{
    /// <summary>Indices of the candidates that pass, written into <paramref name="kept"/>; returns
    /// how many. <paramref name="ageHours"/> holds each candidate's age.</summary>
    public static int Apply(RecipeFilters filters, IReadOnlyList<Candidate> candidates, double[] ageHours, int[] kept)
    {
        var count = 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (Keeps(filters, candidates[i], ageHours[i]))
                kept[count++] = i;
        }
        return count;
    }

    public static bool Keeps(RecipeFilters f, Candidate c, double ageHours)
    {
        // Cheap checks first; the keyword pattern, which reads the whole text, last.
        if (f.MaxAgeHours is { } maxAge && ageHours > maxAge)
            return false;
        if (f.NoReplies && c.IsReply)
            return false;
        if (f.MediaOnly && c.MediaCount == 0)
            return false;
        if (f.Languages.Count > 0 && !HasLanguage(f.Languages, c.Language))
            return false;
        if (f.IncludeInstances.Count > 0 && !OnInstance(f.IncludeInstances, c.Instance))
            return false;
        if (f.ExcludeInstances.Count > 0 && OnInstance(f.ExcludeInstances, c.Instance))
            return false;
        if (f.Hashtags.Count > 0 && !HasHashtag(f.Hashtags, c.Hashtags))
            return false;
        if (f.ExcludeKeywordPattern is { } keywords
            && (keywords.IsMatch(c.Text) || (c.ContentWarning is { } cw && keywords.IsMatch(cw))))
            return false;
        return true;
    }

    /// <summary>"nl" matches "nl" and regional variants such as "nl-BE"; a post whose language is
    /// unknown does not match, since nothing says it is in a language the reader asked for.</summary>
    private static bool HasLanguage(IReadOnlyList<string> languages, string? language)
    {
        if (string.IsNullOrEmpty(language))
            return false;
        foreach (var wanted in languages)
        {
            if (language.StartsWith(wanted, StringComparison.OrdinalIgnoreCase)
                && (language.Length == wanted.Length || language[wanted.Length] == '-'))
                return true;
        }
        return false;
    }

    /// <summary>An instance matches its own host name and its subdomains (media.spam.example is
    /// spam.example's).</summary>
    private static bool OnInstance(IReadOnlyList<string> hosts, string instance)
    {
        foreach (var host in hosts)
        {
            if (instance.EndsWith(host, StringComparison.OrdinalIgnoreCase)
                && (instance.Length == host.Length || instance[instance.Length - host.Length - 1] == '.'))
                return true;
        }
        return false;
    }

    private static bool HasHashtag(IReadOnlyList<string> wanted, IReadOnlyList<string> hashtags)
    {
        for (var i = 0; i < hashtags.Count; i++)
        {
            var tag = hashtags[i].AsSpan().TrimStart('#');
            foreach (var w in wanted)
            {
                if (tag.Equals(w, StringComparison.OrdinalIgnoreCase))
                    return true;
            }
        }
        return false;
    }
}
