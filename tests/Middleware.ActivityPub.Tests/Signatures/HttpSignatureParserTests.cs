using Middleware.ActivityPub.Signatures;
using static Middleware.ActivityPub.Tests.Signatures.SignatureTestData;

namespace Middleware.ActivityPub.Tests.Signatures;

public class HttpSignatureParserTests
{
    private const string Sig = "c2lnbmF0dXJl";

    private static SignatureParseResult ParseSignature(string value) =>
        HttpSignatureParser.Parse(Request("GET", Actor, Headers(("Signature", value))));

    [Fact]
    public void A_request_without_signature_is_not_signed()
    {
        var result = HttpSignatureParser.Parse(Request("GET", Actor, Headers(("Date", "x"))));

        Assert.False(result.Ok);
        Assert.Equal("Request not signed", result.Error);
    }

    [Fact]
    public void Draft_cavage_parameters_are_read()
    {
        var result = ParseSignature($"keyId=\"{KeyId}\",algorithm=\"rsa-sha256\",headers=\"(request-target) Host date\",signature=\"{Sig}\"");

        var signature = Assert.IsType<ParsedSignature>(result.Signature);
        Assert.Equal(KeyId, signature.KeyId);
        Assert.Equal("rsa-sha256", signature.Algorithm);
        Assert.Equal(["(request-target)", "host", "date"], signature.CoveredComponents);
        Assert.Equal("signature"u8.ToArray(), signature.SignatureValue.ToArray());
    }

    [Theory]
    [InlineData("rsa-sha256", "date")]
    [InlineData("hs2019", "(created)")]
    public void Without_headers_the_default_depends_on_the_algorithm_as_in_mastodon(string algorithm, string expected)
    {
        var result = ParseSignature($"keyId=\"k\",algorithm=\"{algorithm}\",signature=\"{Sig}\"");

        Assert.Equal([expected], result.Signature!.CoveredComponents);
    }

    [Fact]
    public void Without_algorithm_hs2019_is_assumed()
    {
        var result = ParseSignature($"keyId=\"k\",created=1736244000,headers=\"(created) host\",signature=\"{Sig}\"");

        Assert.Equal("hs2019", result.Signature!.Algorithm);
        Assert.Equal(1736244000, result.Signature.Created);
    }

    [Fact]
    public void An_unknown_algorithm_is_refused()
    {
        var result = ParseSignature($"keyId=\"k\",algorithm=\"ecdsa-sha256\",signature=\"{Sig}\"");

        Assert.Equal("Unsupported signature algorithm (only rsa-sha256 and hs2019 are supported)", result.Error);
    }

    [Theory]
    [InlineData("keyId=\"k\" signature=\"abc\"")]
    [InlineData("keyId=\"unterminated,signature=\"abc\"")]
    [InlineData("=\"k\"")]
    [InlineData("keyId=\"k\",,signature=\"abc\"")]
    public void A_malformed_signature_header_is_refused(string header)
    {
        Assert.Equal("Error parsing signature parameters", ParseSignature(header).Error);
    }

    [Fact]
    public void Missing_key_id_is_refused()
    {
        Assert.Equal("Incompatible request signature. keyId and signature are required", ParseSignature($"signature=\"{Sig}\"").Error);
    }

    [Fact]
    public void A_signature_that_is_not_base64_is_refused()
    {
        Assert.Equal("Invalid signature value: not base64", ParseSignature("keyId=\"k\",signature=\"***\"").Error);
    }

    [Fact]
    public void The_old_node_http_signature_prefix_is_tolerated()
    {
        Assert.True(ParseSignature($"Signature keyId=\"k\",signature=\"{Sig}\"").Ok);
    }

    [Fact]
    public void The_authorization_signature_form_is_accepted_and_verifies()
    {
        using var key = PrivateKey();
        var headers = Headers();
        var signature = HttpSignatureSigner.SignDraftCavage("GET", Actor, headers, KeyId, key, [], Now);
        headers.Remove("Signature");
        headers["Authorization"] = "Signature " + signature;

        var result = ParseAndVerify(Request("GET", Actor, headers), Now);

        Assert.True(result.Valid, result.Error);
    }

    [Fact]
    public void Rfc9421_wins_over_draft_cavage_when_signature_input_is_present()
    {
        var headers = Headers(
            ("Signature-Input", "sig1=(\"@method\" \"@target-uri\");created=1736244000;keyid=\"k\""),
            ("Signature", $"sig1=:{Sig}:"));

        var result = HttpSignatureParser.Parse(Request("GET", Actor, headers));

        Assert.Equal(SignatureScheme.Rfc9421, result.Signature!.Scheme);
        Assert.Equal("rsa-v1_5-sha256", result.Signature.Algorithm);
        Assert.Equal("(\"@method\" \"@target-uri\");created=1736244000;keyid=\"k\"", result.Signature.SignatureParameters);
    }

    [Theory]
    [InlineData("sig1=(\"@method\" \"@target-uri\";created=1", "sig1=:c2ln:")]
    [InlineData("sig1=(\"@method\")x;created=1;keyid=\"k\"", "sig1=:c2ln:")]
    [InlineData("Sig1=(\"@method\");created=1;keyid=\"k\"", "Sig1=:c2ln:")]
    public void A_malformed_signature_input_is_refused(string input, string signature)
    {
        var result = HttpSignatureParser.Parse(Request("GET", Actor, Headers(("Signature-Input", input), ("Signature", signature))));

        Assert.StartsWith("Signature-Input or Signature is not a valid RFC 8941 dictionary", result.Error);
    }

    [Fact]
    public void Signature_input_without_signature_is_refused()
    {
        var result = HttpSignatureParser.Parse(Request("GET", Actor, Headers(("Signature-Input", "sig1=();created=1;keyid=\"k\""))));

        Assert.Equal("Signature-Input present without a Signature header", result.Error);
    }

    [Fact]
    public void A_label_without_a_matching_signature_is_refused()
    {
        var headers = Headers(("Signature-Input", "sig1=(\"@method\");created=1;keyid=\"k\""), ("Signature", "sig2=:c2ln:"));

        Assert.Equal("Signature header has no byte sequence for label sig1", HttpSignatureParser.Parse(Request("GET", Actor, headers)).Error);
    }

    [Fact]
    public void An_unsupported_rfc9421_algorithm_is_refused()
    {
        var headers = Headers(("Signature-Input", "sig1=(\"@method\");created=1;keyid=\"k\";alg=\"ed25519\""), ("Signature", "sig1=:c2ln:"));

        Assert.StartsWith("Unsupported signature algorithm ed25519", HttpSignatureParser.Parse(Request("GET", Actor, headers)).Error);
    }
}
