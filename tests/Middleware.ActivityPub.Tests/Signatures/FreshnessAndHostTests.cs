using Middleware.ActivityPub.Signatures;
using static Middleware.ActivityPub.Tests.Signatures.SignatureTestData;

namespace Middleware.ActivityPub.Tests.Signatures;

/// <summary>Times and hosts count only when signed (issue 11): a captured request cannot be made fresh
/// again, nor replayed at another server than the one it was signed for.</summary>
public class FreshnessAndHostTests
{
    private static readonly byte[] Body = FollowBody;

    private static Dictionary<string, string> SignedPost(DateTimeOffset at, Uri? target = null, CavageSigningOptions? options = null)
    {
        using var key = PrivateKey();
        var headers = Headers(("Content-Type", "application/activity+json"));
        HttpSignatureSigner.SignDraftCavage("POST", target ?? Inbox, headers, KeyId, key, Body, at, options);
        return headers;
    }

    [Fact]
    public void A_captured_request_relabelled_hs2019_with_a_fresh_unsigned_created_is_refused()
    {
        var headers = SignedPost(Now.AddHours(-3));
        headers["Signature"] = headers["Signature"].Replace(
            "algorithm=\"rsa-sha256\",", $"algorithm=\"hs2019\",created={Now.ToUnixTimeSeconds()},", StringComparison.Ordinal);

        var result = ParseAndVerify(Request("POST", Inbox, headers, Body), Now);

        Assert.Equal("Signed request date outside acceptable time window", result.Error);
    }

    [Fact]
    public void An_unsigned_expires_does_not_lengthen_a_signature_life()
    {
        var headers = SignedPost(Now.AddHours(-3));
        headers["Signature"] = headers["Signature"].Replace(
            "algorithm=\"rsa-sha256\",", $"algorithm=\"rsa-sha256\",expires={Now.AddHours(6).ToUnixTimeSeconds()},", StringComparison.Ordinal);

        var result = ParseAndVerify(Request("POST", Inbox, headers, Body), Now);

        Assert.Equal("Signed request date outside acceptable time window", result.Error);
    }

    [Fact]
    public void A_signed_created_still_counts_for_hs2019()
    {
        var headers = SignedPost(Now, options: new(["(request-target)", "host", "(created)", "digest"], "hs2019"));
        headers.Remove("Date");

        Assert.True(ParseAndVerify(Request("POST", Inbox, headers, Body), Now).Valid);
    }

    [Fact]
    public void A_request_signed_for_another_server_is_refused_here()
    {
        var other = new Uri("https://other.example/inbox");
        var headers = SignedPost(Now, other);

        var result = ParseAndVerify(Request("POST", Inbox, headers, Body), Now);

        Assert.Equal("The signed Host header names another server", result.Error);
    }

    [Fact]
    public void A_post_that_does_not_sign_the_host_is_refused()
    {
        var headers = SignedPost(Now, options: new(["(request-target)", "date", "digest"]));

        var result = ParseAndVerify(Request("POST", Inbox, headers, Body), Now);

        Assert.Equal("The Host header must be signed", result.Error);
    }

    [Theory]
    [InlineData("mastodon.example")]
    [InlineData("MASTODON.example:443")]
    public void The_host_may_name_the_default_port_and_any_case(string host)
    {
        using var key = PrivateKey();
        var headers = Headers(("Content-Type", "application/activity+json"), ("Host", host));
        HttpSignatureSigner.SignDraftCavage("POST", Inbox, headers, KeyId, key, Body, Now);

        Assert.True(ParseAndVerify(Request("POST", Inbox, headers, Body), Now).Valid);
    }
}
