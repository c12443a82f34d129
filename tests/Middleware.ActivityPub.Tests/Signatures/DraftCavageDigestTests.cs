using Middleware.ActivityPub.Signatures;
using static Middleware.ActivityPub.Tests.Signatures.SignatureTestData;

namespace Middleware.ActivityPub.Tests.Signatures;

/// <summary>Mastodon's body digest rules for draft-cavage POSTs (SignedRequest::HttpSignature#verify_body_digest!).</summary>
public class DraftCavageDigestTests
{
    private static Dictionary<string, string> SignedPost(byte[] body, CavageSigningOptions? options = null)
    {
        using var key = PrivateKey();
        var headers = Headers(("Content-Type", "application/activity+json"));
        HttpSignatureSigner.SignDraftCavage("POST", Inbox, headers, KeyId, key, body, Now, options);
        return headers;
    }

    [Fact]
    public void Post_without_digest_in_the_headers_list_is_refused()
    {
        var headers = SignedPost(FollowBody, new(["(request-target)", "host", "date"]));

        var result = ParseAndVerify(Request("POST", Inbox, headers, FollowBody), Now);

        Assert.Equal("Mastodon requires the Digest header to be signed when doing a POST request", result.Error);
    }

    [Fact]
    public void A_wrong_digest_is_refused_with_both_values()
    {
        var other = "{\"type\":\"Undo\"}"u8.ToArray();
        var headers = SignedPost(other);

        var result = ParseAndVerify(Request("POST", Inbox, headers, FollowBody), Now);

        Assert.Equal(
            $"Invalid Digest value. Computed SHA-256 digest: {BodyDigest.Sha256Base64(FollowBody)}; given: {BodyDigest.Sha256Base64(other)}",
            result.Error);
    }

    [Fact]
    public void A_body_changed_after_signing_is_refused()
    {
        var headers = SignedPost(FollowBody);
        var tampered = FollowBody.Concat("!"u8.ToArray()).ToArray();

        var result = ParseAndVerify(Request("POST", Inbox, headers, tampered), Now);

        Assert.StartsWith("Invalid Digest value. Computed SHA-256 digest:", result.Error);
    }

    [Fact]
    public void A_digest_header_changed_with_the_body_breaks_the_signature()
    {
        var headers = SignedPost(FollowBody);
        var tampered = "{\"type\":\"Delete\"}"u8.ToArray();
        headers["Digest"] = BodyDigest.DigestHeader(tampered);

        var result = ParseAndVerify(Request("POST", Inbox, headers, tampered), Now);

        Assert.Equal("Signature verification failed", result.Error);
    }

    [Fact]
    public void Only_sha256_counts_among_several_digests()
    {
        var sha256 = BodyDigest.DigestHeader(FollowBody);
        Assert.Null(BodyDigest.CheckDigest("SHA-512=AAAA, " + sha256, FollowBody));
        Assert.Null(BodyDigest.CheckDigest(sha256.Replace("SHA-256", "sha-256", StringComparison.Ordinal), FollowBody));

        var headers = SignedPost(FollowBody);
        headers["Digest"] = "SHA-512=AAAA";
        var result = ParseAndVerify(Request("POST", Inbox, headers, FollowBody), Now);

        Assert.Equal("Mastodon only supports SHA-256 in Digest header. Offered algorithms: sha-512", result.Error);
    }

    [Theory]
    [InlineData("SHA-256=***", "Invalid Digest value. The provided Digest value is not a valid base64 string. Given digest: ***")]
    [InlineData("SHA-256=AAAA", "Invalid Digest value. The provided Digest value is not a SHA-256 digest. Given digest: AAAA")]
    public void A_digest_that_is_not_a_sha256_value_is_named(string header, string expected)
    {
        Assert.Equal(expected, BodyDigest.CheckDigest(header, FollowBody));
    }

    [Fact]
    public void A_signed_digest_missing_from_the_request_is_refused()
    {
        var headers = SignedPost(FollowBody);
        headers.Remove("Digest");

        var result = ParseAndVerify(Request("POST", Inbox, headers, FollowBody), Now);

        Assert.Equal("Digest header missing", result.Error);
    }
}
