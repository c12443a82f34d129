using System.Data.Common;
using Dapper;
using Middleware.Core.Inbox;
using Middleware.Core.Ingest;
using Middleware.Data.Inbox;
using Middleware.Data.Ingest;

namespace Middleware.Data.Tests.Ingest;

/// <summary>PostgreSQL keeps the ingest path's prepared statements on their generic plans instead of
/// planning them for each call's values (ADR 0045). Without the setting the append, whose generic
/// plan over arrays is costed higher, got a custom plan at every call, and the upsert its first five
/// (measured with the upsert of one post, before ADR 0046 made it one statement per commit).</summary>
public sealed class GenericPlanTests : TestDatabase
{
    private const int Calls = 15;

    [PostgresOnlyFact]
    public async Task Processing_commits_run_the_post_upsert_on_its_generic_plan()
    {
        var inbox = new InboxStore(Db, Clock, Node);
        await inbox.AppendAsync(Enumerable.Range(1, Calls).Select(i => Samples.InboxEntry($"{i}", Clock.Now)).ToList());
        var entries = await new InboxClaims(Db, Node).ClaimAsync(Calls, Clock.Now, Clock.Now.AddSeconds(30));

        for (var i = 0; i < Calls; i++)
        {
            var post = Samples.Post($"{i + 1}", Samples.Alice, "one", "two");
            await Writer.CompleteAsync([new ProcessedEntry(entries[i].Id, InboxState.Done, [new UpsertPost(post)], null)]);
        }

        Assert.Equal(Calls, (await new StatsReader(Db).ReadAsync()).Posts);
        var plans = await PlansAsync(Writer.KeptConnection!, "WITH stored AS%");
        Assert.True(plans.Generic > 0, $"the upsert was not prepared ({plans})");
        Assert.Equal(0, plans.Custom);
    }

    [PostgresOnlyFact]
    public async Task The_batch_append_runs_on_its_generic_plan()
    {
        // One pooled connection, so the appends and the look at its prepared statements share it.
        await using var one = new PostgresConnectionFactory(((PostgresConnectionFactory)Db).ConnectionString + ";Maximum Pool Size=1");
        var inbox = new InboxStore(one, Clock, Node);
        for (var i = 0; i < Calls; i++)
        {
            var stored = await inbox.AppendAndClaimAsync(
                [Samples.InboxEntry($"a{i}", Clock.Now), Samples.InboxEntry($"b{i}", Clock.Now)],
                new AppendClaim(10, Clock.Now, Clock.Now.AddSeconds(30)));
            Assert.All(stored, s => Assert.True(s.Stored));
        }

        await using var connection = await one.OpenAsync();
        var plans = await PlansAsync(connection, "%INSERT INTO inbox%");
        Assert.True(plans.Generic > 0, $"the append was not prepared ({plans})");
        Assert.Equal(0, plans.Custom);
    }

    private static async Task<(long Generic, long Custom)> PlansAsync(DbConnection connection, string statement)
    {
        var rows = (await connection.QueryAsync<(long, long)>(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE @statement",
            new { statement })).ToList();
        return (rows.Sum(r => r.Item1), rows.Sum(r => r.Item2));
    }
}
