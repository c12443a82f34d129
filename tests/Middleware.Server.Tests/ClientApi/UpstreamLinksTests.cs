using System.Net;
using System.Net.Http.Headers;
using Middleware.Server.ClientApi;

namespace Middleware.Server.Tests.ClientApi;

public sealed class UpstreamLinksTests
{
    private static HomeInstanceClient.Answer AnswerWithLink(string link)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation("Link", link);
        return new HomeInstanceClient.Answer(200, response.Headers, "application/json", []);
    }

    [Fact]
    public void Only_the_home_instances_own_urls_are_pointed_at_the_service()
    {
        var answer = AnswerWithLink(
            "<https://home.example/api/v1/notifications?max_id=5>; rel=\"next\", "
            + "<https://home.example.evil/api/v1/x>; rel=\"prev\", <https://home.example:8443/api/v1/y>; rel=\"related\"");

        var link = UpstreamLinks.Rewrite(answer, new Uri("https://home.example/"), "https://feeds.example");

        Assert.Equal(
            "<https://feeds.example/api/v1/notifications?max_id=5>; rel=\"next\", "
            + "<https://home.example.evil/api/v1/x>; rel=\"prev\", <https://home.example:8443/api/v1/y>; rel=\"related\"", link);
    }

    [Fact]
    public void No_link_header_gives_none()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        Assert.Null(UpstreamLinks.Rewrite(new HomeInstanceClient.Answer(200, response.Headers, null, []), new Uri("https://home.example/"), "https://feeds.example"));
    }
}
