using Microsoft.AspNetCore.Http;
using Middleware.Server.ClientApi;

namespace Middleware.Server.Tests.ClientApi;

public sealed class OAuthParametersTests
{
    // Found by OAuthParameterProperties (seed 5sxZSesnLhL2): a multipart body cut short threw IOException (a 500).
    [Fact]
    public async Task A_form_body_that_cannot_be_read_carries_no_parameters()
    {
        var request = new DefaultHttpContext().Request;
        request.Method = "POST";
        request.ContentType = "multipart/form-data; boundary=XyZ";
        request.Body = new MemoryStream("{\"client_id\":\"id\"}"u8.ToArray());

        var parameters = await OAuthParameters.ReadAsync(request, default);

        Assert.Null(parameters["client_id"]);
    }

    // Found by OAuthParameterProperties (seed 3c6Eg1lNOGL2): a JSON body with bytes that are not UTF-8 threw
    // InvalidOperationException (a 500).
    [Fact]
    public async Task A_json_body_that_is_not_utf8_carries_no_parameters()
    {
        var request = new DefaultHttpContext().Request;
        request.Method = "POST";
        request.ContentType = "application/json";
        byte[] body = [.. "{\"client_id\":\"id\",\""u8, 0xFF, .. "\":1}"u8];
        request.Body = new MemoryStream(body);

        var parameters = await OAuthParameters.ReadAsync(request, default);

        Assert.Null(parameters["client_id"]);
    }
}
