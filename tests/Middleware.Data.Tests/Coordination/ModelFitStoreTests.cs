using Middleware.Core.Ranking;
using Middleware.Data.Coordination;

namespace Middleware.Data.Tests.Coordination;

public sealed class ModelFitStoreTests : TestDatabase
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2025-06-01T12:00:00Z");

    private static CoordinatedGroup Group(string[] members, string post = "https://a.example/notes/1", double score = 12) =>
        new("burst", score, members, [new CoordinatedPost(post, members.Length, T0.AddMinutes(-70), T0.AddMinutes(-68))], ["25 of 57 accounts…"]);

    private static ModelFit Fit(DateTimeOffset at, params CoordinatedGroup[] groups) =>
        new("bridging", at, [1, 2, (byte)at.Minute], $"{{\"started\":\"{at:O}\"}}", groups);

    [Fact]
    public async Task The_latest_fit_comes_back_as_stored_and_only_the_newest_three_are_kept()
    {
        var store = new ModelFitStore(Db);
        for (var i = 0; i < 5; i++)
            await store.SaveAsync(Fit(T0.AddMinutes(15 * i)));

        var latest = await store.LatestAsync("bridging");

        Assert.NotNull(latest);
        Assert.Equal(T0.AddMinutes(60), latest.FittedAt);
        Assert.Equal(new byte[] { 1, 2, 0 }, latest.Model);
        Assert.Contains("started", latest.Report);
        Assert.Null(await store.LatestAsync("another"));
        await using var connection = await Db.OpenAsync();
        Assert.Equal(3L, await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COUNT(*) FROM model_fits"));
    }

    [Fact]
    public async Task The_time_of_the_newest_fit_is_read_without_the_model()
    {
        var store = new ModelFitStore(Db);
        Assert.Null(await store.LatestFittedAtAsync("bridging"));
        await store.SaveAsync(Fit(T0.AddMinutes(15)));
        await store.SaveAsync(Fit(T0));

        Assert.Equal(T0.AddMinutes(15), await store.LatestFittedAtAsync("bridging"));
        Assert.Null(await store.LatestFittedAtAsync("another"));
    }

    [Fact]
    public async Task A_group_found_again_is_one_group_with_its_detections_counted()
    {
        var store = new ModelFitStore(Db);
        string[] members = ["https://b.example/users/n2", "https://b.example/users/n1"];
        await store.SaveAsync(Fit(T0, Group(members, score: 10)));
        await store.SaveAsync(Fit(T0.AddMinutes(15), Group([.. members.Reverse()], score: 14), Group(["https://c.example/users/x", "https://c.example/users/y"])));

        var groups = await store.GroupsAsync(T0.AddHours(-1), T0.AddHours(1), 10);

        Assert.Equal(2, groups.Count);
        var again = groups.Single(g => g.Group.Members.Contains("https://b.example/users/n1"));
        Assert.Equal((T0, T0.AddMinutes(15), 2), (again.FirstDetected, again.LastDetected, again.Detections));
        Assert.Equal(14, again.Group.Score);
        Assert.Equal(["https://b.example/users/n1", "https://b.example/users/n2"], again.Group.Members);
        var post = Assert.Single(again.Group.Posts);
        Assert.Equal((2, T0.AddMinutes(-70)), (post.Members, post.First));
        Assert.Equal(["25 of 57 accounts…"], again.Group.Reasons);
    }

    [Fact]
    public async Task Groups_are_listed_for_the_time_they_were_found_in_strongest_first()
    {
        var store = new ModelFitStore(Db);
        await store.SaveAsync(Fit(T0, Group(["https://b.example/users/early1", "https://b.example/users/early2"], score: 30)));
        await store.SaveAsync(Fit(T0.AddDays(2), Group(["https://b.example/users/late1", "https://b.example/users/late2"], score: 9),
            Group(["https://b.example/users/strong1", "https://b.example/users/strong2"], score: 40)));

        var later = await store.GroupsAsync(T0.AddDays(1), T0.AddDays(3), 10);
        var top = await store.GroupsAsync(T0.AddDays(-1), T0.AddDays(3), 1);

        Assert.Equal([40.0, 9.0], later.Select(g => g.Group.Score));
        Assert.Equal(40, Assert.Single(top).Group.Score);
    }
}
