using Middleware.Core.Actors;
using Middleware.Core.Ingest;
using Middleware.Core.Posts;
using Middleware.Data.Actors;
using Middleware.Data.Coordination;

namespace Middleware.Data.Tests.Coordination;

public sealed class AccountEvidenceSourceTests : TestDatabase
{
    private const string Text = "Vote no on the proposal tomorrow, it will ruin the harbour district for all of us";

    private static RemoteActor Actor(string uri, DateTimeOffset? published) => new()
    {
        Uri = uri, Inbox = uri + "/inbox", Host = new Uri(uri).Host, FetchedAt = Samples.Published, Published = published,
    };

    [Fact]
    public async Task Creation_times_come_from_actor_documents_for_accounts_that_acted_and_go_with_the_account()
    {
        var post = Samples.Post("1");
        await Writer.ApplyAsync([new UpsertPost(post), new AddInteraction(Samples.Boost(post, Samples.Bob))], null);
        var actors = new RemoteActorStore(Db);
        await actors.UpsertAsync(Actor(Samples.Bob, Samples.Published.AddDays(-3)));
        await actors.UpsertAsync(Actor(Samples.Carol, Samples.Published.AddDays(-900)));   // never acted
        await actors.UpsertAsync(Actor("https://x.example/users/unknown", null));

        var evidence = await new AccountEvidenceSource(Db).ReadAsync(Samples.Published.AddDays(-1));

        Assert.Equal(new Dictionary<string, DateTimeOffset> { [Samples.Bob] = Samples.Published.AddDays(-3) }, evidence.Created);

        await Writer.ApplyAsync([new DeleteActor(Samples.Bob)], null);
        Assert.Empty((await new AccountEvidenceSource(Db).ReadAsync(Samples.Published.AddDays(-1))).Created);
    }

    [Fact]
    public async Task People_who_acted_only_through_the_service_have_their_creation_times_read_too()
    {
        var post = Samples.Post("1");
        await Writer.ApplyAsync([new UpsertPost(post)], null);
        await new Middleware.Data.Signals.PersonSignalStore(Db).RecordVoteAsync(
            new Middleware.Core.Signals.PersonSignal(Samples.Carol, post.Uri, Middleware.Core.Signals.SignalEvent.Agree, "buurt", Samples.Published));
        await new RemoteActorStore(Db).UpsertAsync(Actor(Samples.Carol, Samples.Published.AddDays(-5)));

        var evidence = await new AccountEvidenceSource(Db).ReadAsync(Samples.Published.AddDays(-1));

        Assert.Equal(Samples.Published.AddDays(-5), Assert.Single(evidence.Created).Value);
    }

    [Fact]
    public async Task Posts_keep_a_fingerprint_of_their_text_and_near_duplicates_are_near()
    {
        var first = Samples.Post("1") with { ContentText = Text };
        var copy = Samples.Post("2", Samples.Bob) with { ContentText = Text + " now" };
        var other = Samples.Post("3", Samples.Carol) with { ContentText = "A quiet walk along the river this morning, herons everywhere and not a soul around" };
        var tooShort = Samples.Post("4", Samples.Carol) with { ContentText = "Hello #Fediverse" };
        await Writer.ApplyAsync([new UpsertPost(first), new UpsertPost(copy), new UpsertPost(other), new UpsertPost(tooShort)], null);

        var texts = (await new AccountEvidenceSource(Db).ReadAsync(Samples.Published.AddDays(-1))).Texts;

        Assert.Equal(3, texts.Count);
        var byAuthor = texts.ToDictionary(t => t.Author, t => t.Fingerprint);
        Assert.InRange(TextFingerprint.Distance(byAuthor[Samples.Alice], byAuthor[Samples.Bob]), 0, 8);
        Assert.InRange(TextFingerprint.Distance(byAuthor[Samples.Alice], byAuthor[Samples.Carol]), 16, 48);
    }
}
