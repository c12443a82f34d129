using Middleware.Server.Web;

namespace Middleware.Server.Tests.Web;

/// <summary>Where sign-in and sign-out send the browser back: this site only (no open redirect).</summary>
public sealed class ReturnPathTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/feeds/news/vote")]
    [InlineData("/feeds/news/vote?x=1&y=%2F%2Fevil")]
    public void Local_paths_are_kept(string path) => Assert.Equal(path, ReturnPath.Local(path));

    [Theory]
    [InlineData("")]
    [InlineData("feeds/news/vote")]
    [InlineData("//evil.example/")]
    [InlineData("///evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("\\\\evil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData("/\n/evil.example")]
    [InlineData("/ /evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/feeds/\u00e9")]
    public void Anything_that_could_leave_the_site_is_refused(string path) => Assert.Null(ReturnPath.Local(path));

    [Fact]
    public void Overlong_paths_are_refused() => Assert.Null(ReturnPath.Local("/" + new string('a', 1000)));
}
