using System.Text.Json;
using Middleware.ActivityPub.Processing;
using Middleware.ActivityPub.Streams;
using Middleware.Core.Inbox;

namespace Middleware.ActivityPub.Tests.Processing;

/// <summary>A like or update of a post we do not hold yet is looked at again twice — soon, and after
/// the lease a dead node could hold the post's Create for — and only then dropped.</summary>
public sealed class UnknownObjectTests
{
    private static ActivityContext Tried(int attempts)
    {
        const string body = """{"id":"https://a.example/likes/1","type":"Like","actor":"https://a.example/users/bob","object":"https://b.example/notes/1"}""";
        var entry = new InboxEntry(1, "https://a.example/likes/1", "Like", "https://a.example/users/bob", "https://a.example/users/bob",
            body, null, DateTimeOffset.UnixEpoch, InboxState.Pending, attempts);
        return new ActivityContext(entry, new ActivityEnvelope(entry.ActivityId, "Like", entry.ActorUri, JsonDocument.Parse(body).RootElement));
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(1, 60)]
    public void Is_retried_soon_then_after_a_lease_has_surely_run_out(int attempts, int seconds)
    {
        var result = ProcessingResult.UnknownObject(Tried(attempts), "Like of a post that is not stored.");

        Assert.Equal(ProcessingStatus.Retry, result.Status);
        Assert.Equal(TimeSpan.FromSeconds(seconds), result.RetryAfter);
    }

    [Fact]
    public void Is_dropped_after_the_second_retry()
    {
        var result = ProcessingResult.UnknownObject(Tried(2), "Like of a post that is not stored.");

        Assert.Equal(ProcessingStatus.Ignored, result.Status);
        Assert.Equal("Like of a post that is not stored.", result.Note);
    }
}
