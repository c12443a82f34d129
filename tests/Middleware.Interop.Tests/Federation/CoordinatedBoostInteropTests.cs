using System.Text.Json;
using Middleware.Interop.Tests.Peer;
using Middleware.Synthetic;

namespace Middleware.Interop.Tests.Federation;

/// <summary>The coordination guard against a botnet made of real Fedify accounts: 25 accounts created
/// two days ago boost one post over federation within a minute, on top of an organic audience imported
/// as recorded data. The service learns the accounts' ages from their actor documents.</summary>
public sealed class CoordinatedBoostInteropTests
{
    [Fact]
    public async Task New_Fedify_accounts_boosting_one_post_together_are_found_and_buy_it_no_rank()
    {
        var now = DateTimeOffset.UtcNow;
        var bots = Enumerable.Range(0, 25).Select(i => new PeerAccount($"n{i}", now.AddDays(-2))).ToList();
        await using var network = await TestNetwork.StartAsync(new FedifyPeerOptions { Accounts = bots });
        var (service, peer) = network;
        var audience = SyntheticAudience.Generate(Scenarios.Audience(seed: 2, now) with { Users = 600, Posts = 200, CoordinatedAccounts = 0 });
        var ndjson = new StringWriter();
        NdjsonExport.Write(audience, ndjson);
        await service.ImportAsync(ndjson.ToString());
        var target = audience.Posts.First(p => p.Label == PostLabel.PartisanA && p.Published < now.AddHours(-12)).Uri;
        var before = (await service.GetPostAsync(target))!.Value.GetProperty("boosts").GetInt32();

        foreach (var bot in bots)
            await peer.AnnounceAsync(bot.Name, target, service.SharedInboxUrl);
        await service.WaitForPostAsync(target, p => p.GetProperty("boosts").GetInt32() == before + bots.Count);
        var refit = await service.PostJsonAsync("/api/admin/rankers/bridging/refit");
        Assert.True(refit.GetProperty("succeeded").GetBoolean(), refit.ToString());

        var groups = (await service.GetJsonAsync("/api/admin/coordination/groups")).GetProperty("groups").EnumerateArray().ToList();
        var flagged = groups.SelectMany(g => g.GetProperty("members").EnumerateArray().Select(m => m.GetString()!)).ToHashSet();
        Assert.All(bots, b => Assert.Contains(new Uri(peer.BaseUrl, $"/users/{b.Name}").AbsoluteUri, flagged));
        Assert.True(flagged.Count < bots.Count + audience.Organic.Count() / 50, $"{flagged.Count} accounts flagged:\n{network.Logs}");
        var group = groups.Single(g => g.GetProperty("posts").EnumerateArray().Any(p => p.GetProperty("post").GetString() == target));
        Assert.Contains(group.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("created less than 14 days"));

        var ranked = (await service.PostJsonAsync("/api/admin/rank", new { ranker = "bridging", limit = 500 })).GetProperty("items").EnumerateArray().ToList();
        var rank = ranked.FindIndex(i => i.GetProperty("post").GetString() == target);
        Assert.True(rank >= 10, $"the target is at rank {rank + 1}");
        Assert.Contains("found acting together", ranked[rank].GetProperty("explanation").GetProperty("summary").GetString());
        var score = ranked[rank].GetProperty("explanation").GetProperty("factors").EnumerateArray()
            .Single(f => f.GetProperty("feature").GetString() == "coordinationScore").GetProperty("value").GetDouble();
        Assert.InRange(score, 0.1, 1);
    }
}
