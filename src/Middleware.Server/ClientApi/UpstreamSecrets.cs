using Microsoft.AspNetCore.DataProtection;

namespace Middleware.Server.ClientApi;

/// <summary>Encrypts what home instances give us (their tokens, our client secrets) before it is
/// stored. The keys live under the data directory, apart from the database file.</summary>
public sealed class UpstreamSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Middleware.ClientApi.UpstreamSecrets.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string stored) => _protector.Unprotect(stored);
}
