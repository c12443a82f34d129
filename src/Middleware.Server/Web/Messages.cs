using Middleware.Server.Web.Pages;

namespace Middleware.Server.Web;

/// <summary>Pages that only say something, with their status codes.</summary>
public static class Messages
{
    public static IResult Show(PageFrame frame, int status, string title, string message, string? linkHref = null, string? linkText = null) =>
        WebPage.Render<MessagePage>(new Dictionary<string, object?>
        {
            [nameof(MessagePage.Frame)] = frame,
            [nameof(MessagePage.Title)] = title,
            [nameof(MessagePage.Message)] = message,
            [nameof(MessagePage.LinkHref)] = linkHref,
            [nameof(MessagePage.LinkText)] = linkText,
            [nameof(MessagePage.Alert)] = status >= 400,
        }, status);

    public static IResult NoFeed(PageFrame frame, string name) =>
        Show(frame, StatusCodes.Status404NotFound, "No such feed", $"There is no public feed called “{name}” on this service.");

    /// <summary>A form without a valid antiforgery token: another site posted it, or the page was
    /// open so long that its token no longer fits this browser's cookie. Nothing was done.</summary>
    public static IResult FormRefused(PageFrame frame, string backTo) =>
        Show(frame, StatusCodes.Status400BadRequest, "Form refused",
            "This form could not be checked: it came from another site, or the page was open too long. Nothing was recorded. Open the page again and retry.",
            backTo, "Back to the page");
}
