using Middleware.ActivityPub.Signatures;
using static Middleware.ActivityPub.Tests.Signatures.SignatureTestData;

namespace Middleware.ActivityPub.Tests.Signatures;

/// <summary>One test per rule Mastodon applies to draft-cavage signatures (spec/requests/signature_verification_spec.rb).</summary>
public class DraftCavageRuleTests
{
    private static Dictionary<string, string> SignedGet(CavageSigningOptions? options = null, DateTimeOffset? at = null, Uri? target = null)
    {
        using var key = PrivateKey();
        var headers = Headers(("Accept", "application/activity+json"));
        HttpSignatureSigner.SignDraftCavage("GET", target ?? Actor, headers, KeyId, key, [], at ?? Now, options);
        return headers;
    }

    [Fact]
    public void A_changed_header_order_fails_verification()
    {
        var headers = SignedGet();
        headers["Signature"] = headers["Signature"].Replace(
            "headers=\"(request-target) host date accept\"", "headers=\"host (request-target) date accept\"", StringComparison.Ordinal);

        var result = ParseAndVerify(Request("GET", Actor, headers), Now);

        Assert.Equal("Signature verification failed", result.Error);
    }

    [Fact]
    public void Get_without_host_signed_is_refused()
    {
        var headers = SignedGet(new(["(request-target)", "date", "accept"]));

        var result = ParseAndVerify(Request("GET", Actor, headers), Now);

        Assert.Equal("Mastodon requires the Host header to be signed when doing a GET request", result.Error);
    }

    [Fact]
    public void Neither_date_nor_created_signed_is_refused()
    {
        var headers = SignedGet(new(["(request-target)", "host"]));

        var result = ParseAndVerify(Request("GET", Actor, headers), Now);

        Assert.Equal("Mastodon requires the Date header or (created) pseudo-header to be signed", result.Error);
    }

    [Fact]
    public void Neither_request_target_nor_digest_signed_is_refused()
    {
        var headers = SignedGet(new(["host", "date"]));

        var result = ParseAndVerify(Request("GET", Actor, headers), Now);

        Assert.Equal("Mastodon requires the Digest header or (request-target) pseudo-header to be signed", result.Error);
    }

    [Fact]
    public void A_signed_header_missing_from_the_request_is_named()
    {
        var headers = SignedGet();
        headers.Remove("Accept");

        var result = ParseAndVerify(Request("GET", Actor, headers), Now);

        Assert.Equal("Header accept is signed but missing from the request", result.Error);
    }

    [Fact]
    public void Created_instead_of_date_passes_with_hs2019()
    {
        var headers = SignedGet(new(["(request-target)", "host", "(created)"], Algorithm: "hs2019"));
        headers.Remove("Date");

        var result = ParseAndVerify(Request("GET", Actor, headers), Now);

        Assert.True(result.Valid, result.Error);
    }

    [Fact]
    public void Created_and_expires_pseudo_headers_are_honoured()
    {
        var options = new CavageSigningOptions(["(request-target)", "host", "(created)", "(expires)"], "hs2019", TimeSpan.FromMinutes(1));
        var headers = SignedGet(options);

        Assert.True(ParseAndVerify(Request("GET", Actor, headers), Now.AddMinutes(30)).Valid);
        Assert.Equal("Signed request date outside acceptable time window",
            ParseAndVerify(Request("GET", Actor, headers), Now.AddMinutes(62)).Error);
    }

    [Fact]
    public void Created_pseudo_header_with_rsa_sha256_is_refused()
    {
        var headers = SignedGet(new(["(request-target)", "host", "date", "(created)"], Algorithm: "hs2019"));
        headers["Signature"] = headers["Signature"].Replace("algorithm=\"hs2019\"", "algorithm=\"rsa-sha256\"", StringComparison.Ordinal);

        var result = ParseAndVerify(Request("GET", Actor, headers), Now);

        Assert.Equal("Invalid pseudo-header (created) for rsa-sha256", result.Error);
    }

    [Fact]
    public void Hs2019_with_an_rsa_key_is_accepted()
    {
        var headers = SignedGet(new(["(request-target)", "host", "date", "accept"], Algorithm: "hs2019"));

        var result = ParseAndVerify(Request("GET", Actor, headers), Now);

        Assert.True(result.Valid, result.Error);
    }

    [Fact]
    public void An_unparsable_date_is_reported()
    {
        var headers = SignedGet();
        headers["Date"] = "wrong date";

        var result = ParseAndVerify(Request("GET", Actor, headers), Now);

        Assert.Equal("Invalid Date header: not RFC 2616 compliant date: \"wrong date\"", result.Error);
    }

    [Fact]
    public void A_request_older_than_a_day_is_refused()
    {
        var headers = SignedGet(at: Now.AddDays(-2));

        var result = ParseAndVerify(Request("GET", Actor, headers), Now);

        Assert.Equal("Signed request date outside acceptable time window", result.Error);
    }

    [Fact]
    public void A_date_two_hours_ahead_is_refused_and_thirty_minutes_ahead_is_fine()
    {
        Assert.Equal("Signed request date is in the future",
            ParseAndVerify(Request("GET", Actor, SignedGet(at: Now.AddHours(2))), Now).Error);
        Assert.True(ParseAndVerify(Request("GET", Actor, SignedGet(at: Now.AddMinutes(30))), Now).Valid);
    }

    [Theory]
    [InlineData("GET", "https://mastodon.example/users/bob")]
    [InlineData("POST", "https://mastodon.example/users/alice")]
    public void A_different_path_or_method_fails_verification(string method, string target)
    {
        var headers = SignedGet();

        var result = ParseAndVerify(Request(method, new Uri(target), headers), Now);

        Assert.False(result.Valid);
    }

    [Fact]
    public void A_query_left_out_of_request_target_is_tolerated_like_mastodon_does()
    {
        var headers = SignedGet();

        var result = ParseAndVerify(Request("GET", new Uri(Actor + "?page=1"), headers), Now);

        Assert.True(result.Valid, result.Error);
    }

    [Fact]
    public void A_mismatching_query_fails_verification()
    {
        var headers = SignedGet(target: new Uri(Actor + "?page=1"));

        Assert.True(ParseAndVerify(Request("GET", new Uri(Actor + "?page=1"), headers), Now).Valid);
        Assert.False(ParseAndVerify(Request("GET", new Uri(Actor + "?page=2"), headers), Now).Valid);
    }
}
