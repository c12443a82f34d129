using System.Reflection;
using System.Text.Json;

namespace Middleware.Replay.Tests;

/// <summary>A temporary folder for a test's data, truth, recipe and report files.</summary>
internal sealed class ReplayFiles : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("replay-tests-").FullName;

    public string Report => Path.Combine(Root, "report.html");

    public static string TemplatePlugin { get; } = typeof(ReplayFiles).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "TemplatePluginOutput").Value!;

    public string Write(string name, string text)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllText(path, text);
        return path;
    }

    public static string Lines(params object[] records) => string.Join("\n", records.Select(r => JsonSerializer.Serialize(r))) + "\n";

    /// <summary>Runs the tool; its exit code, standard output and standard error.</summary>
    public static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ReplayCommand.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
