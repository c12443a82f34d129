namespace Middleware.Server.ClientApi;

/// <summary>A sign-in other than an app's that comes back through the same registered callback URI
/// (<c>/oauth/callback</c>): the service is registered once per home instance, with that one
/// redirect URI. Such sign-ins mark their OAuth state so that an app's login never reaches them.</summary>
public interface ISignInCallback
{
    /// <summary>Finishes the sign-in whose state this is, or returns null when the state is not one
    /// of its own (then the app login goes on as before).</summary>
    Task<IResult?> FinishAsync(HttpRequest request, string state, CancellationToken ct);
}
