using System.Text.Json;
using Middleware.Ranking;

namespace Middleware.Ranking.Benchmarks;

/// <summary>A reproducible candidate set shaped like a busy instance's window: 500 authors on 50
/// instances, four languages, a fifth of posts replies, a third with media, up to 72 hours old.</summary>
internal static class BenchmarkCandidates
{
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static readonly string[] Languages = ["nl", "en", "de", "fr"];
    private static readonly string[] Tags = ["klimaat", "energie", "verkiezingen", "wonen", "zorg", "onderwijs", "crypto", "kunst"];
    private static readonly string[] Words =
        ["de", "het", "een", "kabinet", "brief", "kamer", "debat", "beleid", "nieuws", "vandaag", "morgen", "groot", "klein", "goed", "slecht", "crypto", "stad", "land"];

    /// <summary>A request for a page of 50 out of <paramref name="count"/> candidates, with the
    /// ranker's parameters given as JSON.</summary>
    public static RankingRequest Request(int count, string parametersJson) => new()
    {
        Feed = "bench",
        Candidates = Create(count),
        Limit = 50,
        Now = Now,
        Parameters = RankerParameters.FromJson(JsonDocument.Parse(parametersJson).RootElement),
    };

    public static IReadOnlyList<Candidate> Create(int count, int seed = 42)
    {
        var random = new Random(seed);
        var list = new Candidate[count];
        for (var i = 0; i < count; i++)
        {
            var instance = $"instance{random.Next(50)}.example";
            var favourites = (int)Math.Floor(Math.Exp(random.NextDouble() * 6)) - 1;
            var text = string.Join(' ', Enumerable.Range(0, 10 + random.Next(30)).Select(_ => Words[random.Next(Words.Length)]));
            list[i] = new Candidate
            {
                PostUri = $"https://{instance}/posts/{i}",
                Author = $"https://{instance}/users/u{random.Next(500)}",
                Instance = instance,
                Published = Now.AddMinutes(-random.Next(72 * 60)),
                Favourites = favourites,
                Boosts = favourites / 3,
                Replies = random.Next(5),
                DistinctEngagers = favourites + random.Next(3),
                Impressions = favourites * 10 + random.Next(100),
                Disagreements = random.Next(10) == 0 ? random.Next(5) : 0,
                ViewerFollowsAuthor = random.Next(10) == 0,
                Language = Languages[random.Next(Languages.Length)],
                MediaCount = random.Next(3) == 0 ? 1 : 0,
                ContentWarning = random.Next(20) == 0 ? "politiek" : null,
                IsReply = random.Next(5) == 0,
                Length = text.Length,
                Text = text,
                Hashtags = [Tags[random.Next(Tags.Length)]],
                CoordinationScore = random.NextDouble() * 0.2,
            };
        }
        return list;
    }
}
