namespace Middleware.Server.ClientApi;

/// <summary>A home instance's answer returned unchanged: status, content type and body bytes.</summary>
public sealed class ForwardedAnswer(HomeInstanceClient.Answer answer) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = answer.Status;
        if (answer.ContentType is not null)
            httpContext.Response.ContentType = answer.ContentType;
        httpContext.Response.ContentLength = answer.Body.Length;
        await httpContext.Response.Body.WriteAsync(answer.Body, httpContext.RequestAborted);
    }
}
