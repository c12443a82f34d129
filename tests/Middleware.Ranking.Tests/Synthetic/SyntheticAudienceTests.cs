using System.Text.Json;
using Middleware.Core.Ranking;
using Middleware.Synthetic;

namespace Middleware.Ranking.Tests.Synthetic;

[Collection(Middleware.Ranking.Tests.Bridging.BridgingFitsCollection.Name)]
public sealed class SyntheticAudienceTests
{
    private static readonly SyntheticOptions Tiny = new() { Users = 300, Posts = 80, SeenPerUser = 30, CoordinatedAccounts = 10 };

    [Fact]
    public void The_same_options_and_seed_give_the_same_data_and_another_seed_other_data()
    {
        var a = SyntheticAudience.Generate(Tiny);
        var b = SyntheticAudience.Generate(Tiny);
        var c = SyntheticAudience.Generate(Tiny with { Seed = 2 });

        Assert.Equal(a.Ratings, b.Ratings);
        Assert.Equal(a.Posts, b.Posts);
        Assert.NotEqual(a.Ratings, c.Ratings);
    }

    [Fact]
    public void Partisan_posts_collect_more_raw_engagement_than_bridging_posts()
    {
        var data = SyntheticAudience.Generate(Tiny with { Users = 1000, Posts = 200 });
        var candidates = SyntheticCandidates.From(data).ToDictionary(c => c.PostUri);
        double Mean(PostLabel label) => data.Posts.Where(p => p.Label == label)
            .Average(p => candidates[p.Uri].Boosts * 2 + candidates[p.Uri].Favourites);

        Assert.True(Mean(PostLabel.PartisanA) > 1.3 * Mean(PostLabel.Bridging), $"{Mean(PostLabel.PartisanA)} vs {Mean(PostLabel.Bridging)}");
        Assert.True(Mean(PostLabel.PartisanB) > 1.3 * Mean(PostLabel.Bridging), $"{Mean(PostLabel.PartisanB)} vs {Mean(PostLabel.Bridging)}");
    }

    [Fact]
    public void The_cluster_boosts_its_target_within_the_coordination_window()
    {
        var data = SyntheticAudience.Generate(Tiny);
        var boosts = data.Ratings.Where(r => r.Post == data.BotTarget && r.Kind == RatingKind.Boost && data.CoordinatedAccounts.Contains(r.Rater)).ToList();

        Assert.Equal(Tiny.CoordinatedAccounts, boosts.Count);
        Assert.True(boosts.Max(r => r.At) - boosts.Min(r => r.At) <= Tiny.CoordinationWindow);
        Assert.DoesNotContain(data.Ratings, r => r.Kind == RatingKind.Seen && data.CoordinatedAccounts.Contains(r.Rater));
        Assert.Contains(data.Ratings, r => r.Kind == RatingKind.Seen);
        Assert.DoesNotContain(data.PositivesOnly().Ratings, r => r.Kind is RatingKind.Seen or RatingKind.Disagree);
    }

    [Fact]
    public void Ndjson_has_every_post_then_every_interaction_in_the_import_format()
    {
        var data = SyntheticAudience.Generate(Tiny);
        var writer = new StringWriter();
        NdjsonExport.Write(data, writer);
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();

        var accounts = lines.TakeWhile(l => l.GetProperty("type").GetString() == "account").ToList();
        Assert.Equal(data.AccountsCreated.Count, accounts.Count);
        Assert.All(accounts, a => Assert.True(a.GetProperty("published").TryGetDateTimeOffset(out _)));
        lines = lines.Skip(accounts.Count).ToList();
        var posts = lines.TakeWhile(l => l.GetProperty("type").GetString() == "post").ToList();
        Assert.Equal(data.Posts.Count, posts.Count);
        Assert.All(posts, p => Assert.True(p.GetProperty("published").TryGetDateTimeOffset(out _)));
        Assert.All(["uri", "author", "text", "language"], name => Assert.All(posts, p => Assert.Equal(JsonValueKind.String, p.GetProperty(name).ValueKind)));

        var interactions = lines.Skip(posts.Count).ToList();
        Assert.Equal(data.Ratings.Count + data.Replies.Count, interactions.Count);
        Assert.All(interactions, i => Assert.Equal("interaction", i.GetProperty("type").GetString()));
        Assert.Equal(["boost", "disagree", "favourite", "reply", "seen"], interactions.Select(i => i.GetProperty("kind").GetString()).Distinct().Order());
        var times = interactions.Select(i => i.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);
    }

    [Theory]
    [InlineData("--users", "many", "--users: 'many' is not a valid number.")]
    [InlineData("--colour", "red", "unknown option --colour")]
    [InlineData("--now", "soon", "--now: 'soon' is not an ISO 8601 time.")]
    [InlineData("--posts", "3", "posts must be at least 10.")]
    [InlineData("--seed", null, "--seed needs a value")]
    [InlineData("--timing", "later", "--timing: 'later' is not one of spread, burst.")]
    [InlineData("--attack", "swarm", "--attack: 'swarm' is not one of cluster, botnet.")]
    [InlineData("--scenario", "riot", "--scenario: 'riot' is not one of cluster, crowd, botnet-spread, botnet-burst, sessions.")]
    public void The_command_line_names_what_is_wrong(string name, string? value, string expected)
    {
        var request = CommandLine.Parse(value is null ? [name] : [name, value], out var error);

        Assert.Null(request);
        Assert.StartsWith(expected, error);
    }

    [Fact]
    public void The_command_line_reads_its_options_and_asks_for_help()
    {
        var request = CommandLine.Parse(["--seed", "7", "--users", "2000", "--posts", "500", "--bots", "0", "--positives-only", "--truth", "t.csv", "--now", "2027-01-02T03:04:05+01:00"], out var error);

        Assert.Null(error);
        Assert.Equal(Tiny with { Seed = 7, Users = 2000, Posts = 500, SeenPerUser = 60, CoordinatedAccounts = 0, Now = new DateTimeOffset(2027, 1, 2, 2, 4, 5, TimeSpan.Zero) }, request!.Options);
        Assert.True(request.PositivesOnly);
        Assert.Equal("t.csv", request.TruthPath);
        Assert.Null(CommandLine.Parse(["--help"], out error));
        Assert.Null(error);
    }

    [Fact]
    public void The_command_line_chooses_timing_attack_and_scenario()
    {
        var request = CommandLine.Parse(["--timing", "burst", "--attack", "botnet", "--scenario", "sessions"], out var error);

        Assert.Null(error);
        Assert.Equal((Timing.Burst, Attack.Botnet, "sessions"), (request!.Options.Timing, request.Options.Attack, request.Scenario));
    }

    [Fact]
    public void In_burst_timing_every_organic_reaction_falls_in_the_news_moment()
    {
        var o = Tiny with { Timing = Timing.Burst, CoordinatedAccounts = 0 };
        var data = SyntheticAudience.Generate(o);

        Assert.All(data.Ratings, r => Assert.InRange(r.At, o.BurstStart, o.BurstStart + o.BurstLength + TimeSpan.FromMinutes(5)));
        Assert.All(data.Posts, p => Assert.True(p.Published <= o.BurstStart));
    }

    [Fact]
    public void A_botnet_is_new_accounts_that_boost_one_target_within_the_window_and_share_nothing_else()
    {
        var data = Scenarios.Generate("botnet-spread", 1);
        var bots = data.CoordinatedAccounts.ToHashSet();
        var boosts = data.Ratings.Where(r => bots.Contains(r.Rater)).ToList();

        Assert.Equal(25, bots.Count);
        Assert.All(bots, b => Assert.Equal(7, boosts.Count(r => r.Rater == b)));
        var target = boosts.Where(r => r.Post == data.BotTarget).ToList();
        Assert.Equal(25, target.Count);
        Assert.True(target.Max(r => r.At) - target.Min(r => r.At) <= TimeSpan.FromMinutes(2));
        Assert.All(bots, b => Assert.True(boosts.Where(r => r.Rater == b).Min(r => r.At) - data.AccountsCreated[b] <= TimeSpan.FromDays(7)));
        Assert.True(data.Organic.Count(a => data.AccountsCreated[a] > data.Options.Now - TimeSpan.FromDays(30)) < data.Organic.Count() / 10);
    }

    [Fact]
    public void A_deliberation_is_votes_in_sessions_on_statements_routed_to_those_with_fewest_votes()
    {
        var data = Deliberation.Generate(new DeliberationOptions { Participants = 300, Statements = 40, Sessions = 3 });

        Assert.Contains(data.Ratings, r => r.Kind == RatingKind.Favourite);
        Assert.Contains(data.Ratings, r => r.Kind == RatingKind.Disagree);
        Assert.Contains(data.Ratings, r => r.Kind == RatingKind.Seen);
        Assert.Empty(data.CoordinatedAccounts);
        Assert.All(data.Ratings.GroupBy(r => (r.Rater, r.Post)), g => Assert.Single(g));
        // Three sessions of an hour: most votes fall within them.
        var hours = data.Ratings.Select(r => r.At.ToUnixTimeSeconds() / 3600).Distinct().Count();
        Assert.InRange(hours, 3, 8);
        // Routing prefers statements with fewest votes: even those written late in the last session get voted on.
        var votes = data.Posts.Select(p => data.Ratings.Count(r => r.Post == p.Uri)).ToList();
        Assert.True(votes.Min() >= 5, $"votes per statement {votes.Min()}..{votes.Max()}");
    }
}
