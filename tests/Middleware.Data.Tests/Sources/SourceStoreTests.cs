using Middleware.Core.Sources;
using Middleware.Data.Sources;

namespace Middleware.Data.Tests.Sources;

public sealed class SourceStoreTests : TestDatabase
{
    private SourceStore Sources => new(Db, Clock);

    private static Source Timeline(bool local = false) =>
        new() { Type = SourceType.Timeline, Target = "https://mastodon.social", Local = local, State = SourceState.Polling };

    [Fact]
    public async Task Added_source_gets_an_id_and_reads_back()
    {
        var added = await Sources.AddAsync(new Source
        {
            Type = SourceType.Relay,
            Target = "https://relay.example/actor",
            FollowActivityUri = "https://feeds.example/follows/1",
        });

        Assert.True(added.Id > 0);
        Assert.Equal(Clock.Now, added.CreatedAt);
        Assert.Equal(added, await Sources.FindAsync(added.Id));
        Assert.Equal(added, await Sources.FindByTargetAsync(SourceType.Relay, "https://relay.example/actor"));
        Assert.Equal(added, await Sources.FindByFollowActivityAsync("https://feeds.example/follows/1"));
        Assert.Null(await Sources.FindByTargetAsync(SourceType.Account, "https://relay.example/actor"));
    }

    [Fact]
    public async Task Adding_an_existing_source_returns_the_stored_one()
    {
        var first = await Sources.AddAsync(Timeline());
        var again = await Sources.AddAsync(Timeline() with { State = SourceState.Failed });
        var local = await Sources.AddAsync(Timeline(local: true));

        Assert.Equal(first, again);
        Assert.NotEqual(first.Id, local.Id);
        Assert.Equal(2, (await Sources.ListAsync()).Count);
    }

    [Fact]
    public async Task State_cursor_and_delete()
    {
        var source = await Sources.AddAsync(Timeline());

        await Sources.UpdateStateAsync(source.Id, SourceState.Failed, "WebFinger failed");
        var failed = await Sources.FindAsync(source.Id);
        await Sources.SaveCursorAsync(source.Id, "109876", Clock.Now.AddMinutes(2), null);
        var polled = await Sources.FindAsync(source.Id);

        Assert.Equal((SourceState.Failed, "WebFinger failed"), (failed!.State, failed.LastError));
        Assert.Equal(("109876", Clock.Now.AddMinutes(2), (string?)null), (polled!.Cursor, polled.NextPollAt, polled.LastError));
        Assert.True(await Sources.DeleteAsync(source.Id));
        Assert.False(await Sources.DeleteAsync(source.Id));
        Assert.Null(await Sources.FindAsync(source.Id));
    }

    [Fact]
    public async Task Due_timelines_are_those_never_polled_or_past_their_time()
    {
        var federated = await Sources.AddAsync(Timeline());
        var local = await Sources.AddAsync(Timeline(local: true));
        var failed = await Sources.AddAsync(Timeline() with { Target = "https://gone.example", State = SourceState.Failed });
        await Sources.AddAsync(new Source { Type = SourceType.Account, Target = Samples.Bob });
        await Sources.SaveCursorAsync(local.Id, "1", Clock.Now.AddMinutes(1), null);

        var dueNow = await Sources.ListDueTimelinesAsync(Clock.Now);
        var dueLater = await Sources.ListDueTimelinesAsync(Clock.Now.AddMinutes(1));

        Assert.Equal([federated.Id], dueNow.Select(s => s.Id));
        Assert.Equal([federated.Id, local.Id], dueLater.Select(s => s.Id).Order());
        Assert.DoesNotContain(failed.Id, dueLater.Select(s => s.Id));
    }
}
