using Middleware.Core.Ranking;

namespace Middleware.Synthetic;

/// <summary>Generates a deliberation with ground truth (see <see cref="DeliberationOptions"/>). Votes
/// become the signals the vote page stores: agree → an endorsement, disagree → a disagreement, pass →
/// seen. Statements are routed as Polis routes comments: among those published by then and not yet
/// voted on by the participant, at random with weight 1 / (1 + votes so far)², so people in one session
/// vote on many of the same statements within the same minutes, as real participants do.</summary>
public static class Deliberation
{
    private readonly record struct Statement(double AgreeA, double DisagreeA, double AgreeB, double DisagreeB);

    public static SyntheticData Generate(DeliberationOptions o)
    {
        if (o.Problem() is { } problem)
            throw new ArgumentException(problem, nameof(o));
        var random = new Random(o.Seed);
        var inA = (int)Math.Round(o.Participants * o.ShareA);
        var people = Enumerable.Range(0, o.Participants)
            .Select(i => $"https://{(i < inA ? "a-town.social" : "b-ville.social")}/users/p{i}")
            .ToArray();
        var sessionStarts = Enumerable.Range(0, o.Sessions)
            .Select(s => o.Now - o.Span + (o.Span - o.SessionLength) * ((s + 0.5 * random.NextDouble()) / o.Sessions))
            .ToArray();
        var (posts, statements) = Statements(o, random, people, sessionStarts);

        var ratings = new List<RatingSignal>();
        var votes = new int[posts.Count];
        // Participants in arrival order, so routing sees the votes cast before.
        var arrivals = Enumerable.Range(0, o.Participants)
            .Select(i => (Person: i, At: sessionStarts[random.Next(o.Sessions)] + o.SessionLength * random.NextDouble()))
            .OrderBy(a => a.At)
            .ToList();
        var voted = new HashSet<int>();
        foreach (var (person, arrived) in arrivals)
        {
            voted.Clear();
            var wanted = Math.Min(posts.Count, (int)Math.Round(o.VotesPerParticipant * (0.5 + random.NextDouble())));
            var at = arrived;
            for (var k = 0; k < wanted; k++)
            {
                if (Route(random, posts, votes, voted, at) is not { } s)
                    break;
                voted.Add(s);
                votes[s]++;
                var (agree, disagree) = person < inA ? (statements[s].AgreeA, statements[s].DisagreeA) : (statements[s].AgreeB, statements[s].DisagreeB);
                var roll = random.NextDouble();
                var kind = roll < agree ? RatingKind.Favourite : roll < agree + disagree ? RatingKind.Disagree : RatingKind.Seen;
                ratings.Add(new RatingSignal(people[person], posts[s].Uri, kind, at < o.Now ? at : o.Now));
                at += o.VoteInterval * (0.5 + random.NextDouble());
            }
        }
        var created = people.ToDictionary(p => p, _ => o.Now - TimeSpan.FromDays(30 + 1000 * random.NextDouble()), StringComparer.Ordinal);
        return new SyntheticData(new SyntheticOptions { Seed = o.Seed, Now = o.Now, CoordinatedAccounts = 0 }, posts, ratings, [],
            people[..inA], people[inA..], []) { AccountsCreated = created };
    }

    private static (List<SyntheticPost>, Statement[]) Statements(DeliberationOptions o, Random random, string[] people, DateTimeOffset[] sessionStarts)
    {
        var bridging = (int)Math.Round(o.Statements * o.BridgingShare);
        var partisan = (int)Math.Round(o.Statements * o.PartisanShare / 2);
        var labels = Enumerable.Range(0, o.Statements)
            .Select(i => i < bridging ? PostLabel.Bridging : i < bridging + partisan ? PostLabel.PartisanA
                : i < bridging + 2 * partisan ? PostLabel.PartisanB : PostLabel.Neutral)
            .ToArray();
        random.Shuffle(labels);
        var posts = new List<SyntheticPost>(o.Statements);
        var statements = new Statement[o.Statements];
        for (var i = 0; i < o.Statements; i++)
        {
            statements[i] = labels[i] switch
            {
                PostLabel.Bridging => new Statement(Between(random, 0.6, 0.8), 0.1, Between(random, 0.6, 0.8), 0.1),
                PostLabel.PartisanA => new Statement(Between(random, 0.6, 0.85), 0.1, Between(random, 0.05, 0.2), 0.65),
                PostLabel.PartisanB => new Statement(Between(random, 0.05, 0.2), 0.65, Between(random, 0.6, 0.85), 0.1),
                _ => new Statement(Between(random, 0.25, 0.4), 0.3, Between(random, 0.25, 0.4), 0.3),
            };
            // Half the statements are seeded before the first session; the rest are written during sessions.
            var published = i < o.Statements / 2
                ? sessionStarts[0] - TimeSpan.FromHours(1)
                : sessionStarts[random.Next(sessionStarts.Length)] + o.SessionLength * random.NextDouble();
            var author = people[random.Next(people.Length)];
            posts.Add(new SyntheticPost($"{author}/statements/{200_000 + i}", author, $"Statement {i} ({labels[i]}).", "nl", published, labels[i]));
        }
        return (posts, statements);
    }

    /// <summary>A statement published by <paramref name="at"/> that the participant has not voted on,
    /// drawn with weight 1 / (1 + votes)²; null when none is left.</summary>
    private static int? Route(Random random, List<SyntheticPost> posts, int[] votes, HashSet<int> voted, DateTimeOffset at)
    {
        double total = 0;
        for (var s = 0; s < posts.Count; s++)
        {
            if (posts[s].Published <= at && !voted.Contains(s))
                total += Weight(votes[s]);
        }
        if (total <= 0)
            return null;
        var pick = random.NextDouble() * total;
        for (var s = 0; s < posts.Count; s++)
        {
            if (posts[s].Published > at || voted.Contains(s))
                continue;
            pick -= Weight(votes[s]);
            if (pick <= 0)
                return s;
        }
        return null;
    }

    private static double Weight(int votes) => 1.0 / ((1.0 + votes) * (1.0 + votes));

    private static double Between(Random random, double low, double high) => low + (high - low) * random.NextDouble();
}
