using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Middleware.Server.Tests.Infrastructure;
using static Middleware.Server.Tests.Web.WebSteps;

namespace Middleware.Server.Tests.Web.Admin;

/// <summary>A browser's steps on the admin pages: a cookie jar, no redirects followed, and the sign-in
/// form posted with its antiforgery token.</summary>
public static class AdminSteps
{
    public static HttpClient NewBrowser(MiddlewareFactory service, string baseAddress = MiddlewareFactory.PublicUrl) =>
        service.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri(baseAddress) });

    /// <summary>Opens the sign-in form and posts <paramref name="token"/>; returns the answer to the post.</summary>
    public static async Task<HttpResponseMessage> PostTokenAsync(HttpClient browser, string token = MiddlewareFactory.AdminToken)
    {
        var form = await browser.GetAsync("/admin/login");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        return await browser.PostAsync("/admin/login", Form((TokenField, Token(await form.Content.ReadAsStringAsync())), ("token", token)));
    }

    /// <summary>A browser signed in to the admin pages.</summary>
    public static async Task<HttpClient> SignedInAsync(MiddlewareFactory service)
    {
        var browser = NewBrowser(service);
        var answer = await PostTokenAsync(browser);
        Assert.Equal(HttpStatusCode.SeeOther, answer.StatusCode);
        return browser;
    }

    /// <summary>Posts a form of <paramref name="page"/> (its first antiforgery token) to <paramref name="action"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string page, string action, params (string Name, string Value)[] fields)
    {
        var html = await (await browser.GetAsync(page)).Content.ReadAsStringAsync();
        return await browser.PostAsync(action, Form([(TokenField, Token(html)), .. fields]));
    }
}
