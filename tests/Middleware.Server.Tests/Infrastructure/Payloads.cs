namespace Middleware.Server.Tests.Infrastructure;

/// <summary>Mastodon-shaped payload files from Payloads/, with {{placeholders}} filled in.</summary>
public static class Payloads
{
    public static string Load(string name, IReadOnlyDictionary<string, string> values)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Payloads", name));
        foreach (var (key, value) in values)
            text = text.Replace("{{" + key + "}}", value);
        return text;
    }
}
