using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Middleware.Data;
using Middleware.Server.Configuration;

namespace Middleware.Server.Admin;

/// <summary>The bearer token of the admin API: configured, or generated once and kept in the data
/// folder so that a first start needs no set-up.</summary>
public sealed class AdminToken
{
    private readonly byte[] _tokenHash;

    public AdminToken(IOptions<MiddlewareOptions> options, ILogger<AdminToken> log)
    {
        var configured = options.Value.AdminToken;
        if (string.IsNullOrWhiteSpace(configured))
        {
            var path = Path.GetFullPath(Path.Combine(options.Value.DataDirectory, "admin-token"));
            if (File.Exists(path))
            {
                configured = File.ReadAllText(path).Trim();
            }
            else
            {
                PrivateFiles.CreateFolder(Path.GetDirectoryName(path)!);
                configured = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
                using (var file = new StreamWriter(PrivateFiles.CreateNew(path)))
                    file.Write(configured);
            }
            log.LogWarning("Middleware:AdminToken is not set; the admin API token is in {Path}", path);
        }
        _tokenHash = SHA256.HashData(Encoding.UTF8.GetBytes(configured));
    }

    public bool Matches(string? authorization)
    {
        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            return false;
        return Is(authorization[scheme.Length..].Trim());
    }

    /// <summary>True when <paramref name="given"/> is the token itself (the admin sign-in form), compared
    /// in constant time so the answer's timing tells nothing about how much of it was right. Both sides
    /// are hashed first: equal lengths, so the timing does not tell the token's length either.</summary>
    public bool Is(string? given) =>
        given is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), _tokenHash);
}
