using System.Net.Http.Headers;
using CsCheck;
using Middleware.ActivityPub.Signatures;
using Middleware.Testing.Properties;
using static Middleware.ActivityPub.Tests.Signatures.SignatureTestData;

namespace Middleware.ActivityPub.Tests.Properties;

/// <summary>Signature headers nobody wrote by hand: whatever a peer sends in <c>Signature</c>,
/// <c>Signature-Input</c>, <c>Authorization</c>, <c>Digest</c> or <c>Content-Digest</c>, parsing and
/// verifying end in a result (a signature or a failure with its reason), never an exception.</summary>
public sealed class SignatureHeaderProperties
{
    private static readonly SignerKey Key = SignerKey.FromPem(PublicKeyPem)!;

    /// <summary>Real signed requests (both schemes, GET and POST) as the starting points for mutants.</summary>
    private static readonly Lazy<IReadOnlyList<(string Method, Uri Target, Dictionary<string, string> Headers, byte[] Body)>> Signed = new(() =>
    {
        using var key = PrivateKey();
        var body = FollowBody;
        var requests = new List<(string, Uri, Dictionary<string, string>, byte[])>();
        foreach (var rfc9421 in new[] { false, true })
        {
            foreach (var post in new[] { false, true })
            {
                using var message = post
                    ? new HttpRequestMessage(HttpMethod.Post, Inbox) { Content = new ByteArrayContent(body) }
                    : new HttpRequestMessage(HttpMethod.Get, Actor);
                message.Content?.Headers.ContentType = new MediaTypeHeaderValue("application/activity+json");
                if (rfc9421)
                    HttpSignatureSigner.SignRfc9421(message, KeyId, key, post ? body : [], Now);
                else
                    HttpSignatureSigner.SignDraftCavage(message, KeyId, key, post ? body : [], Now);
                var headers = message.Headers.Concat(message.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
                    .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
                requests.Add((message.Method.Method, message.RequestUri!, headers, post ? body : []));
            }
        }
        return requests;
    });

    /// <summary>The pieces RFC 8941 dictionaries and draft-cavage parameter lists are made of, so that
    /// random sequences of them reach far into both grammars.</summary>
    private static readonly Gen<string> HeaderPiece = Gen.Frequency(
        (4, Gen.OneOf(new[]
            {
             "sig1", "keyId", "keyid", "algorithm", "alg", "headers", "signature", "created", "expires", "sha-256", "SHA-256",
             "=", ",", ";", " ", "(", ")", "\"", "\\", ":", "?1", "?0", "?", "-", ".", "*", "\t", "Signature ",
             "\"@method\"", "\"@target-uri\"", "\"content-digest\"", "\"@authority\"", "\"(request-target)\"",
             "\"rsa-pss-sha512\"", "\"rsa-sha256\"", "\"hs2019\"", "\"https://feeds.example/actor#main-key\"",
             ":c2lnbmF0dXJl:", ":@@:", "c2lnbmF0dXJl", "1736244000", "1736244000.5", "-1", "99999999999999999",
             "1.5", "1.", "0.0001", "\"(request-target) host date digest\"",
            }.Select(Gen.Const).ToArray())),
        (1, Gen.String[0, 6]),
        (1, JsonGen.AnyString));

    private static readonly Gen<string> HeaderText = Gen.Frequency(
        (5, HeaderPiece.Array[0, 24].Select(string.Concat)),
        (1, Gen.String[0, 60]));

    private static readonly string[] HeaderNames = ["Signature", "Signature-Input", "Authorization", "Digest", "Content-Digest", "Date", "Host"];

    /// <summary>A real request with some of its headers replaced, edited or removed.</summary>
    private static readonly Gen<SignedRequest> MutatedRequest = Gen.Select(
        Gen.Int[0, 3],
        Gen.Select(Gen.Int[0, HeaderNames.Length - 1], Gen.Int[0, 4], HeaderText, Gen.Int.NonNegative).Array[0, 4],
        (index, edits) =>
        {
            var (method, target, original, body) = Signed.Value[index];
            var headers = new Dictionary<string, string>(original, StringComparer.OrdinalIgnoreCase);
            foreach (var (name, how, text, at) in edits)
            {
                var header = HeaderNames[name];
                var value = headers.GetValueOrDefault(header, "");
                headers[header] = how switch
                {
                    0 => text,
                    1 => value[..(at % (value.Length + 1))],
                    2 => value.Insert(at % (value.Length + 1), text),
                    3 => value.Remove(at % (value.Length + 1), Math.Min(value.Length - at % (value.Length + 1), text.Length + 1)),
                    _ => value + ", " + text,
                };
                if (how == 4 && at % 3 == 0)
                    headers.Remove(header);
            }
            return new SignedRequest(method, target, headers, body);
        });

    private static readonly Gen<SignedRequest> RandomRequest = Gen.Select(
        Gen.Select(Gen.OneOf(HeaderNames.Select(Gen.Const).ToArray()), HeaderText).Array[0, 5],
        Gen.Bool,
        (headers, post) => new SignedRequest(
            post ? "POST" : "GET",
            post ? Inbox : Actor,
            headers.DistinctBy(h => h.Item1, StringComparer.OrdinalIgnoreCase).ToDictionary(h => h.Item1, h => h.Item2, StringComparer.OrdinalIgnoreCase),
            post ? FollowBody : []));

    [Fact]
    public void Any_signature_headers_parse_and_verify_to_a_result()
    {
        Outcome.Holds(Gen.Frequency((3, MutatedRequest), (2, RandomRequest)), request =>
        {
            var outcome = Outcome.Within(() =>
            {
                var parsed = HttpSignatureParser.Parse(request);
                Assert.True(parsed.Ok ^ parsed.Error is not null);
                return parsed.Signature is { } signature ? HttpSignatureVerifier.Verify(signature, request, Key, Now) : null;
            });
            Assert.True(outcome is null || outcome.Valid ^ outcome.Error is not null);
        }, Describe);
    }

    [Fact]
    public void Any_digest_header_is_checked_to_a_match_or_a_reason()
    {
        var body = FollowBody;
        var valid = Gen.OneOf(Gen.Const(BodyDigest.DigestHeader(body)), Gen.Const(BodyDigest.ContentDigestHeader(body)));
        var header = Gen.Frequency(
            (2, HeaderText),
            (2, Gen.Select(valid, HeaderText, Gen.Int.NonNegative, (v, text, at) => v.Insert(at % (v.Length + 1), text))),
            (1, Gen.Select(valid, Gen.Int.NonNegative, (v, at) => v[..(at % (v.Length + 1))])));
        Outcome.Holds(header, text => Outcome.Within(() =>
        {
            BodyDigest.CheckDigest(text, body);
            BodyDigest.CheckContentDigest(text, body);
            return true;
        }));
    }

    private static string Describe(SignedRequest request) =>
        $"{request.Method} {request.TargetUri} " + string.Join(" | ", request.Headers.Select(h => $"{h.Key}: {h.Value}"));
}
