using System.Text.Json;
using Middleware.ActivityPub.Federation;
using Middleware.ActivityPub.Streams;
using Middleware.Core.Posts;

namespace Middleware.ActivityPub.Processing;

public sealed record PostLookup(Post? Post, ProcessingResult? Failure);

/// <summary>Gets a post we can trust: an embedded object only when its author signed the request
/// and it lives on the author's host; anything else is fetched from its origin.</summary>
public sealed class PostResolver(IDocumentFetcher fetcher)
{
    public async Task<PostLookup> ResolveAsync(JsonElement? embedded, string objectId, string? trustedAuthor, CancellationToken ct)
    {
        if (embedded is { ValueKind: JsonValueKind.Object } obj && trustedAuthor is not null
            && obj.String("id") == objectId && JsonReading.SameOrigin(objectId, trustedAuthor))
        {
            var (post, error) = PostDocument.Read(obj);
            if (post is null)
                return new PostLookup(null, ProcessingResult.Ignore(error!));
            return post.AuthorUri == trustedAuthor
                ? new PostLookup(post, null)
                : new PostLookup(null, ProcessingResult.Reject("The object is attributed to someone other than the actor."));
        }

        using var fetched = await fetcher.FetchAsync(objectId, ct);
        switch (fetched.Status)
        {
            case FetchStatus.Transient:
                return new PostLookup(null, ProcessingResult.Retry($"Fetching {objectId} failed: {fetched.Error}"));
            case FetchStatus.Gone:
                return new PostLookup(null, ProcessingResult.Ignore($"{objectId} is gone at its origin."));
            case FetchStatus.Refused:
                return new PostLookup(null, ProcessingResult.Reject($"{objectId} was refused: {fetched.Error}"));
        }
        var (fetchedPost, readError) = PostDocument.Read(fetched.Root);
        return fetchedPost is null
            ? new PostLookup(null, ProcessingResult.Ignore(readError!))
            : new PostLookup(fetchedPost, null);
    }
}
