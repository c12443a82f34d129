using System.Data.Common;
using System.Security.Cryptography;
using Middleware.Core.Accounts;

namespace Middleware.Server.ClientApi;

/// <summary>Revokes a grant's upstream token at the person's home instance when the app revokes our
/// token, so logging out of an app also ends what the service could do for it there. Best effort:
/// our token is already revoked, so a failure is logged and the app's answer is unchanged.</summary>
public sealed class UpstreamRevocation(
    HomeInstanceClient home, IUpstreamRegistrationStore registrations, UpstreamSecrets secrets,
    ILogger<UpstreamRevocation> log)
{
    /// <summary>The longest a revoke waits for the home instance; the app waits for us meanwhile.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Sends <c>POST /oauth/revoke</c> with the service's client credentials at that instance.
    /// Never throws; not tied to the app's request, so an app that hangs up does not stop it.</summary>
    public async Task RevokeAsync(string host, string encryptedUpstreamToken)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        try
        {
            var registration = await registrations.FindAsync(host, deadline.Token);
            if (registration is null)
            {
                log.LogWarning("No registration at {Host}: its upstream token was not revoked there", host);
                return;
            }
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["client_id"] = registration.ClientId,
                ["client_secret"] = secrets.Unprotect(registration.EncryptedClientSecret),
                ["token"] = secrets.Unprotect(encryptedUpstreamToken),
            });
            var answer = await home.SendAsync(host, HttpMethod.Post, "/oauth/revoke", null, form, deadline.Token);
            if (answer.Status is < 200 or > 299)
                log.LogWarning("{Host} answered {Status} to revoking an upstream token", host, answer.Status);
        }
        catch (Exception e) when (e is UpstreamException or CryptographicException or OperationCanceledException or DbException)
        {
            log.LogWarning(e, "Revoking an upstream token at {Host} failed", host);
        }
    }
}
