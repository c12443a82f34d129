using System.Net.Http.Headers;
using System.Text;
using Middleware.ActivityPub.Signatures;
using static Middleware.ActivityPub.Tests.Signatures.SignatureTestData;

namespace Middleware.ActivityPub.Tests.Signatures;

/// <summary>
/// Known-answer tests: signing strings written by hand and signed by OpenSSL (see Data/README.md), and the
/// RFC 9421 document's own examples.
/// </summary>
public class FixedVectorTests
{
    private static HttpRequestMessage FollowPost()
    {
        var message = new HttpRequestMessage(HttpMethod.Post, Inbox) { Content = new ByteArrayContent(FollowBody) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/activity+json");
        return message;
    }

    [Fact]
    public void Draft_cavage_post_matches_the_openssl_vector()
    {
        using var key = PrivateKey();
        using var message = FollowPost();

        HttpSignatureSigner.SignDraftCavage(message, KeyId, key, FollowBody, Now);

        var expected = $"keyId=\"{KeyId}\",algorithm=\"rsa-sha256\",headers=\"(request-target) host date digest content-type\","
            + $"signature=\"{Read("cavage-post.signature.b64").Trim()}\"";
        Assert.Equal(expected, message.Headers.GetValues("Signature").Single());
        Assert.Equal("SHA-256=tg+C2gOpPe3ohOuqzR3XkKil2aniCpthz72PZCOTTOM=", message.Headers.GetValues("Digest").Single());
    }

    [Fact]
    public void Draft_cavage_signing_string_matches_the_hand_written_one()
    {
        using var key = PrivateKey();
        using var message = FollowPost();
        HttpSignatureSigner.SignDraftCavage(message, KeyId, key, FollowBody, Now);
        var request = FromMessage(message, FollowBody);
        var parsed = HttpSignatureParser.Parse(request).Signature!;

        var (text, _) = CavageSigningString.Build(parsed, request, includeQuery: true);

        Assert.Equal(Read("cavage-post.signing-string.txt"), text);
        Assert.True(HttpSignatureVerifier.Verify(parsed, request, Read("actor-key.rsa.pub.pem"), Now).Valid);
    }

    [Fact]
    public void Rfc9421_post_matches_the_openssl_vector()
    {
        using var key = PrivateKey();
        using var message = FollowPost();

        HttpSignatureSigner.SignRfc9421(message, KeyId, key, FollowBody, Now);

        Assert.Equal(
            $"sig1=(\"@method\" \"@target-uri\" \"content-digest\");created=1736244000;keyid=\"{KeyId}\";alg=\"rsa-v1_5-sha256\"",
            message.Headers.GetValues("Signature-Input").Single());
        Assert.Equal($"sig1=:{Read("rfc9421-post.signature.b64").Trim()}:", message.Headers.GetValues("Signature").Single());

        var request = FromMessage(message, FollowBody);
        var parsed = HttpSignatureParser.Parse(request).Signature!;
        var (text, _) = Rfc9421SignatureBase.Build(parsed.CoveredComponents, parsed.SignatureParameters!, request);
        Assert.Equal(Read("rfc9421-post.signature-base.txt"), text);
    }

    /// <summary>RFC 9421 section 4.3: a proxy's rsa-v1_5-sha256 signature with test-key-rsa (appendix B.1.1).</summary>
    [Fact]
    public void Rfc9421_section_4_3_proxy_signature_verifies()
    {
        var request = Request("POST", new Uri("https://origin.host.internal.example/foo?param=Value&Pet=dog"), Headers(
            ("Host", "origin.host.internal.example"),
            ("Date", "Tue, 20 Apr 2021 02:07:56 GMT"),
            ("Content-Type", "application/json"),
            ("Content-Length", "18"),
            ("Forwarded", "for=192.0.2.123;host=example.com;proto=https"),
            ("Content-Digest", "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:"),
            ("Signature-Input", "proxy_sig=(\"@method\" \"@authority\" \"@path\" \"content-digest\" \"content-type\" \"content-length\" "
                + "\"forwarded\");created=1618884480;keyid=\"test-key-rsa\";alg=\"rsa-v1_5-sha256\";expires=1618884540"),
            ("Signature", "proxy_sig=:S6ZzPXSdAMOPjN/6KXfXWNO/f7V6cHm7BXYUh3YD/fRad4BCaRZxP+JH+8XY1I6+8Cy+CM5g92iHgxtRPz+MjniO"
                + "aYmdkDcnL9cCpXJleXsOckpURl49GwiyUpZ10KHgOEe11sx3G2gxI8S0jnxQB+Pu68U9vVcasqOWAEObtNKKZd8tSFu7LB5YAv0RA"
                + "GhB8tmpv7sFnIm9y+7X5kXQfi8NMaZaA8i2ZHwpBdg7a6CMfwnnrtflzvZdXAsD3LH2TwevU+/PBPv0B6NMNk93wUs/vfJvye+YuI87"
                + "HU38lZHowtznbLVdp770I6VHR6WfgS9ddzirrswsE1w5o0LV/g==:")),
            "{\"hello\": \"world\"}"u8.ToArray());
        var parsed = HttpSignatureParser.Parse(request).Signature!;

        var (text, _) = Rfc9421SignatureBase.Build(parsed.CoveredComponents, parsed.SignatureParameters!, request);

        Assert.Equal(string.Join('\n',
            "\"@method\": POST",
            "\"@authority\": origin.host.internal.example",
            "\"@path\": /foo",
            "\"content-digest\": sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:",
            "\"content-type\": application/json",
            "\"content-length\": 18",
            "\"forwarded\": for=192.0.2.123;host=example.com;proto=https",
            "\"@signature-params\": (\"@method\" \"@authority\" \"@path\" \"content-digest\" \"content-type\" \"content-length\" "
                + "\"forwarded\");created=1618884480;keyid=\"test-key-rsa\";alg=\"rsa-v1_5-sha256\";expires=1618884540"), text);
        using var key = SignatureAlgorithms.ImportPublicKey(Read("rfc9421-test-key-rsa.pub.pem"))!;
        Assert.True(SignatureAlgorithms.Verify(parsed.Algorithm, key, Encoding.UTF8.GetBytes(text!), parsed.SignatureValue.Span));

        // Cryptographically sound, yet Mastodon's rules want @target-uri, and so do ours.
        var result = HttpSignatureVerifier.Verify(parsed, request, Read("rfc9421-test-key-rsa.pub.pem"), DateTimeOffset.FromUnixTimeSeconds(1618884500));
        Assert.Equal("Mastodon requires the @method and @target-uri derived components to be signed", result.Error);
    }

    /// <summary>RFC 9421 appendix B.2.1: the minimal rsa-pss-sha512 signature with test-key-rsa-pss.</summary>
    [Fact]
    public void Rfc9421_appendix_b_2_1_pss_signature_verifies()
    {
        var request = Request("POST", new Uri("https://example.com/foo?param=Value&Pet=dog"), Headers(
            ("Signature-Input", "sig-b21=();created=1618884473;keyid=\"test-key-rsa-pss\";nonce=\"b3k2pp5k7z-50gnwp.yemd\""),
            ("Signature", "sig-b21=:d2pmTvmbncD3xQm8E9ZV2828BjQWGgiwAaw5bAkgibUopemLJcWDy/lkbbHAve4cRAtx31Iq786U7it++wgGxbtRxf8Udx7zFZsckz"
                + "XaJMkA7ChG52eSkFxykJeNqsrWH5S+oxNFlD4dzVuwe8DhTSja8xxbR/Z2cOGdCbzR72rgFWhzx2VjBqJzsPLMIQKhO4DGezXehhWwE56YCE+O6c0mKZsfxVrogU"
                + "vA4HELjVKWmAvtl6UnCh8jYzuVG5WSb/QEVPnP5TmcAnLH1g+s++v6d4s8m0gCw1fV5/SITLq9mhho8K3+7EPYTU8IU1bLhdxO5Nyt8C8ssinQ98Xw9Q==:")));
        var parsed = HttpSignatureParser.Parse(request).Signature!;

        var (text, _) = Rfc9421SignatureBase.Build(parsed.CoveredComponents, parsed.SignatureParameters!, request);

        Assert.Equal("\"@signature-params\": ();created=1618884473;keyid=\"test-key-rsa-pss\";nonce=\"b3k2pp5k7z-50gnwp.yemd\"", text);
        using var key = SignatureAlgorithms.ImportPublicKey(Read("rfc9421-test-key-rsa-pss.pub.pem"))!;
        Assert.True(SignatureAlgorithms.Verify("rsa-pss-sha512", key, Encoding.UTF8.GetBytes(text!), parsed.SignatureValue.Span));
    }
}
