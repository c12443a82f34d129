using System.Net;
using CsCheck;
using Microsoft.Extensions.Options;
using Middleware.ActivityPub.Federation;
using Middleware.ActivityPub.Http;
using Middleware.Testing.Properties;

namespace Middleware.ActivityPub.Tests.Properties;

/// <summary>WebFinger answers nobody wrote by hand: whatever a host answers (any status, any body),
/// resolving a handle ends in an actor id or an error text, never an exception.</summary>
public sealed class WebFingerAnswerProperties
{
    private const string Valid = """
        {"subject":"acct:alice@remote.example","aliases":["https://remote.example/@alice","https://remote.example/users/alice"],
         "links":[{"rel":"http://webfinger.net/rel/profile-page","type":"text/html","href":"https://remote.example/@alice"},
                  {"rel":"self","type":"application/activity+json","href":"https://remote.example/users/alice"},
                  {"rel":"self","type":"application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"","href":"https://remote.example/users/alice"},
                  {"rel":"http://ostatus.org/schema/1.0/subscribe","template":"https://remote.example/authorize_interaction?uri={uri}"}]}
        """;

    [Fact]
    public void Any_answer_resolves_to_an_actor_or_an_error()
    {
        var answers = Gen.Select(
            JsonGen.Utf8(Gen.Frequency((3, JsonMutants.Of(Valid)), (1, JsonGen.AlmostJson))),
            Gen.Frequency((8, Gen.Const(200)), (1, Gen.Int[100, 599])));
        Outcome.HoldsAsync(answers, async (answer, ct) =>
        {
            var (body, status) = answer;
            var client = new WebFingerClient(new Answering(body, (HttpStatusCode)status), Options.Create(new OutboundHttpOptions()));
            var result = await client.ResolveAsync("alice", "remote.example", ct);
            Assert.True(result.ActorUri is null ^ result.Error is null);
        }, answer => $"{answer.Item2} {System.Text.Encoding.UTF8.GetString(answer.Item1)}");
    }

    /// <summary>Every client answers every request with the same status and body.</summary>
    private sealed class Answering(byte[] body, HttpStatusCode status) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(new Handler(body, status));

        private sealed class Handler(byte[] body, HttpStatusCode status) : HttpMessageHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
                Task.FromResult(new HttpResponseMessage(status) { Content = new ByteArrayContent(body), RequestMessage = request });
        }
    }
}
