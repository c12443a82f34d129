using System.Net;
using System.Text.RegularExpressions;

namespace Middleware.VoteLoad;

/// <summary>One signed-in person: a client with their session cookie and the antiforgery cookie the
/// page gives them, never following redirects (as a measured browser step each).</summary>
public sealed partial class Person : IDisposable
{
    private readonly HttpClient client;
    private readonly Uri page;

    public Person(Uri page, string session)
    {
        this.page = page;
        var cookies = new CookieContainer();
        cookies.Add(page, new Cookie("mw_session", session, "/"));
        client = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false, MaxConnectionsPerServer = 1 });
    }

    /// <summary>The vote page: its antiforgery token and the post it asks about (null when done).</summary>
    public async Task<(bool Ok, string? Token, string? Post)> ReadAsync()
    {
        using var response = await client.GetAsync(page);
        var html = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
            return (false, null, null);
        var token = TokenPattern().Match(html);
        var post = PostPattern().Match(html);
        return (true, token.Success ? WebUtility.HtmlDecode(token.Groups[1].Value) : null, post.Success ? WebUtility.HtmlDecode(post.Groups[1].Value) : null);
    }

    /// <summary>Posts a vote; true when answered with the redirect back to the page.</summary>
    public async Task<bool> VoteAsync(string token, string post, string vote)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["post"] = post, ["vote"] = vote,
        });
        using var response = await client.PostAsync(page, form);
        await response.Content.ReadAsByteArrayAsync();
        return response.StatusCode == HttpStatusCode.SeeOther;
    }

    public void Dispose() => client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("name=\"post\" value=\"([^\"]+)\"")]
    private static partial Regex PostPattern();
}
