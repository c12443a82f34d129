namespace Middleware.Core.Posts;

/// <summary>How a stored post arrived. Federation (an activity, or a fetch from the post's origin) is
/// the author's server speaking; a polled REST timeline is another server's word, and ranks below.</summary>
public enum PostOrigin
{
    Federation,
    Poll,
    Import,
}
