using System.Text.Json.Nodes;
using Middleware.Interop.Tests.Peer;
using Xunit.Abstractions;

namespace Middleware.Interop.Tests.Federation;

/// <summary>The inbox promise: every activity answered 202 is processed exactly once, even when
/// the service is SIGKILLed while receiving and processing, and started again on the same data.</summary>
public sealed class CrashRestartTests(ITestOutputHelper output)
{
    private const int Notes = 200;
    private const int Wave = 8;
    private const int FirstLiked = 160;

    [Fact]
    public async Task Activities_accepted_before_a_SIGKILL_are_processed_exactly_once_after_the_restart()
    {
        await using var network = await TestNetwork.StartAsync();
        var (service, peer) = network;
        var noteIds = Enumerable.Range(0, Notes).Select(_ => RawActivities.NewNoteId(peer, "alice")).ToList();
        // Each wave: 8 Creates by alice, then (for the last 40 notes) bob's Likes of them.
        var waves = noteIds.Select((id, i) => (Index: i, Id: id)).Chunk(Wave).Select(wave =>
            new[]
            {
                wave.Select(n => ("alice", RawActivities.Create(peer, "alice", n.Id, $"note {n.Index}"))).ToList(),
                wave.Where(n => n.Index >= FirstLiked).Select(n => ("bob", RawActivities.Like(peer, "bob", n.Id))).ToList(),
            }).ToList();

        foreach (var wave in waves[..^1])
        {
            foreach (var part in wave)
            {
                Assert.All(await SendAsync(network, part), status => Assert.Equal(202, status));
            }
        }
        // The last Creates are in flight, the worker busy with the ones before: kill now.
        var inFlight = SendAsync(network, waves[^1][0]);
        await service.KillAsync();
        output.WriteLine($"Answers in flight at the kill: {string.Join(", ", await inFlight)}");
        await service.StartAgainAsync();
        // A peer retries what got no 202; resending what did get one must change nothing.
        foreach (var part in waves[^1])
        {
            Assert.All(await SendAsync(network, part), status => Assert.Equal(202, status));
        }

        var stats = await service.WaitForStatsAsync(s => s.InboxPending == 0 && s.InboxDone >= Notes + Notes - FirstLiked,
            "inbox drained after the restart", TimeSpan.FromSeconds(90));
        var likes = Notes - FirstLiked;
        Assert.True(stats.Posts == Notes && stats.InboxDone == Notes + likes && stats.Interactions == likes,
            $"{stats}\n{network.Logs}");
        Assert.Equal(0, stats.InboxRejected + stats.InboxFailed);
        for (var i = 0; i < Notes; i++)
        {
            var post = await service.GetPostAsync(noteIds[i]);
            Assert.True(post is not null, $"note {i} missing\n{network.Logs}");
            Assert.Contains($"note {i}", post.Value.GetProperty("text").GetString());
            Assert.True((i >= FirstLiked ? 1 : 0) == post.Value.GetProperty("favourites").GetInt32(), $"favourites of note {i}: {post}");
        }
    }

    private static Task<int[]> SendAsync(TestNetwork network, IReadOnlyList<(string Account, JsonObject Activity)> sends) =>
        RawActivities.SendAllAsync(network.Peer, network.Service.SharedInboxUrl, sends);
}
