using System.Text.RegularExpressions;

namespace Middleware.Testing.Properties;

/// <summary>The real-shaped payloads of tests/Middleware.Server.Tests/Payloads, filled in, as valid
/// starting points for mutants.</summary>
public static partial class Samples
{
    /// <summary>The payload file with every <c>{{placeholder}}</c> filled with a plausible value.</summary>
    public static string Payload(string name)
    {
        var text = File.ReadAllText(PathOf(name));
        return Placeholder().Replace(text, m => m.Groups[1].Value switch
        {
            "remote" => "https://remote.example",
            "target" or "object" => "https://feeds.example/users/buurt",
            "publicKeyPem" => "-----BEGIN PUBLIC KEY-----\\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\\n-----END PUBLIC KEY-----",
            var other => other + "1",
        });
    }

    /// <summary>Every payload file's name.</summary>
    public static IReadOnlyList<string> PayloadNames() =>
        Directory.GetFiles(Folder(), "*.json").Select(Path.GetFileName).OfType<string>().Order().ToList();

    private static string PathOf(string name) => Path.Combine(Folder(), name);

    /// <summary>Finds the payload folder by walking up from the test binaries to the repository.</summary>
    private static string Folder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Middleware.Server.Tests", "Payloads");
            if (Directory.Exists(candidate))
                return candidate;
        }
        throw new DirectoryNotFoundException($"tests/Middleware.Server.Tests/Payloads not found above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex("{{([a-zA-Z]+)}}")]
    private static partial Regex Placeholder();
}
