using Middleware.ActivityPub.Signatures;
using static Middleware.ActivityPub.Tests.Signatures.SignatureTestData;

namespace Middleware.ActivityPub.Tests.Signatures;

/// <summary>Mastodon's rules for RFC 9421 signatures (SignedRequest::HttpMessageSignature).</summary>
public class Rfc9421RuleTests
{
    private static Dictionary<string, string> SignedPost(Rfc9421SigningOptions? options = null, byte[]? body = null)
    {
        using var key = PrivateKey();
        var headers = Headers(("Content-Type", "application/activity+json"));
        HttpSignatureSigner.SignRfc9421("POST", Inbox, headers, KeyId, key, body ?? FollowBody, Now, options);
        return headers;
    }

    [Fact]
    public void Post_without_content_digest_covered_is_refused()
    {
        var headers = SignedPost(new(["@method", "@target-uri"]));

        var result = ParseAndVerify(Request("POST", Inbox, headers, FollowBody), Now);

        Assert.Equal("Mastodon requires the Content-Digest header to be signed when doing a POST request", result.Error);
    }

    [Fact]
    public void Target_uri_must_be_covered()
    {
        var headers = SignedPost(new(["@method", "@authority", "@path", "content-digest"]));

        var result = ParseAndVerify(Request("POST", Inbox, headers, FollowBody), Now);

        Assert.Equal("Mastodon requires the @method and @target-uri derived components to be signed", result.Error);
    }

    [Fact]
    public void A_body_changed_after_signing_is_refused()
    {
        var headers = SignedPost();
        var tampered = "{\"type\":\"Delete\"}"u8.ToArray();

        var result = ParseAndVerify(Request("POST", Inbox, headers, tampered), Now);

        Assert.Equal(
            $"Invalid Digest value. Computed SHA-256 digest: {BodyDigest.Sha256Base64(tampered)}; given: {BodyDigest.Sha256Base64(FollowBody)}",
            result.Error);
    }

    [Fact]
    public void Content_digest_without_sha256_is_refused()
    {
        var headers = SignedPost();
        headers["Content-Digest"] = "sha-512=:AAAA:";

        var result = ParseAndVerify(Request("POST", Inbox, headers, FollowBody), Now);

        Assert.Equal("Mastodon only supports SHA-256 in Content-Digest header. Offered algorithms: sha-512", result.Error);
    }

    [Fact]
    public void Content_digest_that_is_not_a_dictionary_is_refused()
    {
        var headers = SignedPost();
        headers["Content-Digest"] = "SHA-256=abc";

        var result = ParseAndVerify(Request("POST", Inbox, headers, FollowBody), Now);

        Assert.Equal("Content-Digest could not be parsed. It does not contain a valid RFC8941 dictionary.", result.Error);
    }

    [Fact]
    public void Created_is_required()
    {
        var headers = SignedPost();
        headers["Signature-Input"] = headers["Signature-Input"].Replace($";created={Now.ToUnixTimeSeconds()}", "", StringComparison.Ordinal);

        var result = ParseAndVerify(Request("POST", Inbox, headers, FollowBody), Now);

        Assert.Equal("Incompatible request signature. keyid and created are required", result.Error);
    }

    [Fact]
    public void The_signature_covers_the_method()
    {
        var headers = SignedPost(new(["@method", "@target-uri"]), body: []);

        var result = ParseAndVerify(Request("PUT", Inbox, headers), Now);

        Assert.Equal("Signature verification failed", result.Error);
    }

    [Fact]
    public void Expires_is_honoured()
    {
        var headers = SignedPost(new(ExpiresAfter: TimeSpan.FromMinutes(1)));
        var request = Request("POST", Inbox, headers, FollowBody);

        Assert.True(ParseAndVerify(request, Now.AddMinutes(60)).Valid);
        Assert.Equal("Signed request date outside acceptable time window", ParseAndVerify(request, Now.AddMinutes(62)).Error);
    }

    [Fact]
    public void The_first_label_meeting_the_requirements_is_chosen()
    {
        using var key = PrivateKey();
        var weak = Headers();
        HttpSignatureSigner.SignRfc9421("POST", Inbox, weak, KeyId, key, FollowBody, Now, new(["@method"], Label: "weak"));
        var strong = Headers();
        HttpSignatureSigner.SignRfc9421("POST", Inbox, strong, KeyId, key, FollowBody, Now, new(Label: "strong"));
        var headers = Headers(
            ("Content-Digest", strong["Content-Digest"]),
            ("Signature-Input", weak["Signature-Input"] + ", " + strong["Signature-Input"]),
            ("Signature", weak["Signature"] + ", " + strong["Signature"]));
        var request = Request("POST", Inbox, headers, FollowBody);

        var parsed = HttpSignatureParser.Parse(request);

        Assert.Equal("strong", parsed.Signature!.Label);
        Assert.True(HttpSignatureVerifier.Verify(parsed.Signature, request, PublicKeyPem, Now).Valid);
    }

    [Fact]
    public void Without_a_label_meeting_the_requirements_the_first_is_reported()
    {
        var headers = SignedPost(new(["@method", "content-digest"], Label: "only"));

        var result = ParseAndVerify(Request("POST", Inbox, headers, FollowBody), Now);

        Assert.Equal("Mastodon requires the @method and @target-uri derived components to be signed", result.Error);
    }
}
