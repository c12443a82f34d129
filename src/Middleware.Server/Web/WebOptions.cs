namespace Middleware.Server.Web;

/// <summary>The web pages (<c>Middleware:Web</c>).</summary>
public sealed class WebOptions
{
    public const string Section = "Middleware:Web";

    /// <summary>The name in every page's header; the host of the public URL when empty.</summary>
    public string? InstanceName { get; set; }

    /// <summary>How long a web session lasts after signing in (not extended by use).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long an admin page session lasts after signing in with the admin token (not
    /// extended by use: a stolen cookie is worth a working day at most).</summary>
    public TimeSpan AdminSessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How long a sign-in may take between the handle form and the home instance's callback.</summary>
    public TimeSpan SignInLifetime { get; set; } = TimeSpan.FromMinutes(10);
}
