using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Middleware.ActivityPub.Signatures;

namespace Middleware.Server.Tests.Infrastructure;

/// <summary>An account on a <see cref="RemoteServer"/>: its actor document is served there, and it
/// signs the activities a test posts to our inboxes, as Mastodon signs them.</summary>
public sealed class RemoteAccount : IDisposable
{
    private RemoteAccount(RemoteServer server, string name)
    {
        Server = server;
        Name = name;
        Key = RSA.Create(2048);
    }

    public RemoteServer Server { get; }
    public string Name { get; }
    public RSA Key { get; private set; }
    public string Id => $"{Server.BaseUrl}/users/{Name}";
    public string KeyId => $"{Id}#main-key";
    public string Inbox => $"/users/{Name}/inbox";

    public static RemoteAccount Create(RemoteServer server, string name)
    {
        var account = new RemoteAccount(server, name);
        account.Publish();
        return account;
    }

    /// <summary>Serves the actor document and WebFinger for this account.</summary>
    public void Publish()
    {
        var pem = Key.ExportSubjectPublicKeyInfoPem();
        Server.Serve($"/users/{Name}", Payloads.Load("actor.json", Values(("publicKeyPem", JsonEncodedText.Encode(pem).ToString()))));
        var webfinger = JsonSerializer.Serialize(new
        {
            subject = $"acct:{Name}@{Server.Host}",
            links = new object[] { new { rel = "self", type = "application/activity+json", href = Id } },
        });
        Server.Serve($"/.well-known/webfinger?resource={Uri.EscapeDataString($"acct:{Name}@{Server.Host}")}", webfinger, "application/jrd+json");
    }

    /// <summary>A new key pair, published: the account rotated its key.</summary>
    public void RotateKey()
    {
        Key.Dispose();
        Key = RSA.Create(2048);
        Publish();
    }

    public Dictionary<string, string> Values(params (string Key, string Value)[] extra)
    {
        var values = new Dictionary<string, string> { ["remote"] = Server.BaseUrl, ["name"] = Name };
        foreach (var (key, value) in extra)
            values[key] = value;
        return values;
    }

    /// <summary>A POST of <paramref name="json"/> to one of our inboxes, signed with this account's key
    /// (or <paramref name="signWith"/>, to test a wrong key).</summary>
    public HttpRequestMessage SignedPost(string inboxPath, string json, RSA? signWith = null, DateTimeOffset? at = null)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var request = new HttpRequestMessage(HttpMethod.Post, $"{MiddlewareFactory.PublicUrl}{inboxPath}")
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/activity+json");
        HttpSignatureSigner.SignDraftCavage(request, KeyId, signWith ?? Key, body, at ?? DateTimeOffset.UtcNow);
        return request;
    }

    public void Dispose() => Key.Dispose();
}
