using Microsoft.Playwright;

namespace Middleware.Web.Tests.Browser;

/// <summary>The browser side of one test: fresh profiles (no cookies) whose pages record console
/// messages and script errors, failed requests and dialogs, so a test can assert a page was clean.
/// Disposing it closes every profile it opened.</summary>
/// <param name="countErrorStatuses">Also count answers of 400 and above as failed requests (for pages
/// that must load without one; off where a test provokes one on purpose).</param>
public sealed class PageSession(BrowserFixture browsers, string baseUrl, bool countErrorStatuses = false) : IAsyncDisposable
{
    private readonly List<IBrowserContext> contexts = [];

    public List<string> Console { get; } = [];
    public List<string> Failed { get; } = [];
    public List<string> Dialogs { get; } = [];

    public async Task<IPage> NewPageAsync(bool javaScript = true)
    {
        var context = await browsers.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, JavaScriptEnabled = javaScript });
        contexts.Add(context);
        var page = await context.NewPageAsync();
        page.Console += (_, message) => Console.Add($"{message.Type}: {message.Text} ({message.Location})");
        page.PageError += (_, error) => Console.Add($"error: {error}");
        page.RequestFailed += (_, request) => Failed.Add($"{request.Url}: {request.Failure}");
        if (countErrorStatuses)
        {
            page.Response += (_, response) =>
            {
                if (response.Status >= 400)
                    Failed.Add($"{response.Url}: {response.Status}");
            };
        }
        page.Dialog += async (_, dialog) =>
        {
            Dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in contexts)
            await context.DisposeAsync();
    }
}
