using Microsoft.Playwright;

namespace Middleware.Web.Tests.Browser;

/// <summary>Moving through a page the way a keyboard user does: Tab until the element has focus.</summary>
public static class Keyboard
{
    /// <summary>Presses Tab until the element matching <paramref name="selector"/> has focus; fails
    /// when it never gets it (it is not reachable by keyboard).</summary>
    public static async Task TabToAsync(this IPage page, string selector, int maxPresses = 40)
    {
        for (var i = 0; i < maxPresses; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.Locator($"{selector}:focus").CountAsync() == 1)
                return;
        }
        Assert.Fail($"{selector} never got the focus in {maxPresses} presses of Tab on {page.Url}.");
    }
}
