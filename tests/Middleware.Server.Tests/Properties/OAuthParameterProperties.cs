using System.Text;
using CsCheck;
using Microsoft.AspNetCore.Http;
using Middleware.Server.ClientApi;
using Middleware.Testing.Properties;

namespace Middleware.Server.Tests.Properties;

/// <summary>OAuth and app-registration parameters nobody wrote by hand: whatever query, content type
/// and body a client sends, reading gives the parameters (those it cannot read are missing), never an
/// exception.</summary>
public sealed class OAuthParameterProperties
{
    private static readonly string[] ContentTypes =
    [
        "application/json", "application/json; charset=utf-8", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=XyZ", "multipart/form-data", "text/plain", "application/merge-patch+json", "",
    ];

    private const string ValidJson = """{"client_name":"Tusky","redirect_uris":["urn:ietf:wg:oauth:2.0:oob","tusky://oauth"],"scopes":"read write follow push","website":"https://tusky.app","grant_type":"authorization_code","code":"abc","client_id":"id","client_secret":"secret"}""";

    private static readonly Gen<string> FormLike = Gen.Select(
        Gen.Select(JsonGen.Key, JsonGen.AnyString, Gen.Bool).Array[0, 6],
        pairs => string.Join('&', pairs.Select(p => (p.Item3 ? Uri.EscapeDataString(p.Item1) : p.Item1) + "=" + (p.Item3 ? Uri.EscapeDataString(p.Item2) : p.Item2))));

    private static readonly Gen<string> Query = Gen.Frequency(
        (3, FormLike.Select(q => "?" + q)),
        (1, Gen.Const("")),
        (1, Gen.String[0, 30].Select(q => "?" + q)));

    [Fact]
    public void Any_request_reads_to_parameters()
    {
        var requests = Gen.Select(
            Query,
            Gen.OneOf(ContentTypes.Select(Gen.Const).ToArray()),
            JsonGen.Utf8(Gen.Frequency((3, JsonMutants.Of(ValidJson)), (2, FormLike), (1, JsonGen.AlmostJson))),
            Gen.Bool);
        Outcome.HoldsAsync(requests, async (request, ct) =>
        {
            var (query, contentType, body, bodyOnly) = request;
            var http = new DefaultHttpContext().Request;
            http.Method = "POST";
            http.QueryString = QueryString.FromUriComponent(query);
            http.ContentType = contentType.Length == 0 ? null : contentType;
            http.Body = new MemoryStream(body);
            http.ContentLength = body.Length;
            var parameters = await OAuthParameters.ReadAsync(http, ct, bodyOnly);
            _ = (parameters["client_id"], parameters.All("redirect_uris"), parameters["scope"]);
        }, r => $"{r.Item1} | {r.Item2} | {Encoding.UTF8.GetString(r.Item3)} | bodyOnly={r.Item4}");
    }
}
