using System.Net.Http.Headers;
using System.Security.Cryptography;
using Middleware.ActivityPub.Signatures;
using static Middleware.ActivityPub.Tests.Signatures.SignatureTestData;

namespace Middleware.ActivityPub.Tests.Signatures;

public class RoundTripTests
{
    private static HttpRequestMessage Get()
    {
        var message = new HttpRequestMessage(HttpMethod.Get, Actor);
        message.Headers.Accept.ParseAdd("application/activity+json");
        return message;
    }

    private static HttpRequestMessage Post(byte[] body)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, Inbox) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/activity+json");
        return message;
    }

    [Fact]
    public void DraftCavage_get_round_trips()
    {
        using var key = PrivateKey();
        using var message = Get();
        HttpSignatureSigner.SignDraftCavage(message, KeyId, key, [], Now);

        var request = FromMessage(message, []);
        var parsed = HttpSignatureParser.Parse(request).Signature!;

        Assert.Equal(SignatureScheme.DraftCavage, parsed.Scheme);
        Assert.Equal(KeyId, parsed.KeyId);
        Assert.Equal(["(request-target)", "host", "date", "accept"], parsed.CoveredComponents);
        Assert.Equal(VerificationResult.Success, HttpSignatureVerifier.Verify(parsed, request, PublicKeyPem, Now));
    }

    [Fact]
    public void DraftCavage_post_round_trips_with_mastodons_header_set()
    {
        using var key = PrivateKey();
        var body = FollowBody;
        using var message = Post(body);
        HttpSignatureSigner.SignDraftCavage(message, KeyId, key, body, Now);

        var request = FromMessage(message, body);
        var parsed = HttpSignatureParser.Parse(request).Signature!;

        Assert.Equal(["(request-target)", "host", "date", "digest", "content-type"], parsed.CoveredComponents);
        Assert.Equal("rsa-sha256", parsed.Algorithm);
        Assert.Equal(BodyDigest.DigestHeader(body), message.Headers.GetValues("Digest").Single());
        Assert.Equal("Tue, 07 Jan 2025 10:00:00 GMT", message.Headers.GetValues("Date").Single());
        Assert.Equal("mastodon.example", message.Headers.Host);
        Assert.True(HttpSignatureVerifier.Verify(parsed, request, PublicKeyPem, Now).Valid);
    }

    [Fact]
    public void Rfc9421_get_round_trips()
    {
        using var key = PrivateKey();
        using var message = Get();
        HttpSignatureSigner.SignRfc9421(message, KeyId, key, [], Now);

        var request = FromMessage(message, []);
        var parsed = HttpSignatureParser.Parse(request).Signature!;

        Assert.Equal(SignatureScheme.Rfc9421, parsed.Scheme);
        Assert.Equal("sig1", parsed.Label);
        Assert.Equal(["@method", "@target-uri"], parsed.CoveredComponents);
        Assert.Equal(VerificationResult.Success, HttpSignatureVerifier.Verify(parsed, request, PublicKeyPem, Now));
    }

    [Fact]
    public void Rfc9421_post_round_trips_with_content_digest()
    {
        using var key = PrivateKey();
        var body = FollowBody;
        using var message = Post(body);
        HttpSignatureSigner.SignRfc9421(message, KeyId, key, body, Now);

        var request = FromMessage(message, body);
        var parsed = HttpSignatureParser.Parse(request).Signature!;

        Assert.Equal(["@method", "@target-uri", "content-digest"], parsed.CoveredComponents);
        Assert.Equal(Now.ToUnixTimeSeconds(), parsed.Created);
        Assert.True(HttpSignatureVerifier.Verify(parsed, request, PublicKeyPem, Now).Valid);
    }

    [Fact]
    public void Rfc9421_rsa_pss_sha512_round_trips()
    {
        using var key = PrivateKey();
        var headers = Headers();
        HttpSignatureSigner.SignRfc9421("POST", Inbox, headers, KeyId, key, FollowBody, Now,
            new Rfc9421SigningOptions(Algorithm: "rsa-pss-sha512"));

        var result = ParseAndVerify(Request("POST", Inbox, headers, FollowBody), Now);

        Assert.True(result.Valid, result.Error);
    }

    [Fact]
    public void A_pkcs1_public_key_is_accepted()
    {
        using var key = PrivateKey();
        var headers = Headers();
        HttpSignatureSigner.SignDraftCavage("GET", Actor, headers, KeyId, key, [], Now);

        var result = ParseAndVerify(Request("GET", Actor, headers), Now, Read("actor-key.rsa.pub.pem"));

        Assert.True(result.Valid, result.Error);
    }

    [Fact]
    public void A_key_that_is_not_pem_is_refused()
    {
        using var key = PrivateKey();
        var headers = Headers();
        HttpSignatureSigner.SignDraftCavage("GET", Actor, headers, KeyId, key, [], Now);

        var result = ParseAndVerify(Request("GET", Actor, headers), Now, "not a key");

        Assert.Equal("Public key is not a valid RSA key in PEM form", result.Error);
    }

    [Fact]
    public void Another_key_fails_verification()
    {
        using var key = PrivateKey();
        using var other = RSA.Create(2048);
        var headers = Headers();
        HttpSignatureSigner.SignDraftCavage("GET", Actor, headers, KeyId, key, [], Now);

        var result = ParseAndVerify(Request("GET", Actor, headers), Now, other.ExportSubjectPublicKeyInfoPem());

        Assert.Equal("Signature verification failed", result.Error);
    }
}
