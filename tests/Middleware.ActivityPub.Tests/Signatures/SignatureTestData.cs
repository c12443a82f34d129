using System.Security.Cryptography;
using Middleware.ActivityPub.Signatures;

namespace Middleware.ActivityPub.Tests.Signatures;

/// <summary>Shared fixtures: the test key, the data files and small request builders.</summary>
internal static class SignatureTestData
{
    public const string KeyId = "https://feeds.example/actor#main-key";

    /// <summary>Tue, 07 Jan 2025 10:00:00 GMT, the time of the fixed vectors.</summary>
    public static readonly DateTimeOffset Now = new(2025, 1, 7, 10, 0, 0, TimeSpan.Zero);

    public static readonly Uri Inbox = new("https://mastodon.example/inbox");
    public static readonly Uri Actor = new("https://mastodon.example/users/alice");

    public static string PublicKeyPem => Read("actor-key.pub.pem");

    public static byte[] FollowBody => File.ReadAllBytes(PathOf("follow.json"));

    public static RSA PrivateKey()
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(Read("actor-key.pem"));
        return rsa;
    }

    public static string Read(string name) => File.ReadAllText(PathOf(name));

    /// <summary>Finds Signatures/Data by walking up from the test binaries to the project folder.</summary>
    public static string PathOf(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "Signatures", "Data", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"Test data file {name} not found above {AppContext.BaseDirectory}");
    }

    public static Dictionary<string, string> Headers(params (string Name, string Value)[] headers) =>
        headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase);

    public static SignedRequest Request(string method, Uri target, Dictionary<string, string> headers, byte[]? body = null) =>
        new(method, target, headers, body ?? []);

    public static SignedRequest FromMessage(HttpRequestMessage message, byte[] body)
    {
        var headers = message.Headers.AsEnumerable();
        if (message.Content is not null)
        {
            headers = headers.Concat(message.Content.Headers);
        }

        return SignedRequest.FromHeaderLists(message.Method.Method, message.RequestUri!, headers, body);
    }

    /// <summary>Parses then verifies, the way the inbox endpoint will.</summary>
    public static VerificationResult ParseAndVerify(SignedRequest request, DateTimeOffset now, string? publicKeyPem = null)
    {
        var parsed = HttpSignatureParser.Parse(request);
        return parsed.Signature is { } signature
            ? HttpSignatureVerifier.Verify(signature, request, publicKeyPem ?? PublicKeyPem, now)
            : VerificationResult.Failure(parsed.Error!);
    }
}
