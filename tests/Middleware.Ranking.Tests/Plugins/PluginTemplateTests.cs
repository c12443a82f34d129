using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Middleware.Ranking.Engine;
using Middleware.Ranking.Plugins;

namespace Middleware.Ranking.Tests.Plugins;

/// <summary>The <c>dotnet new middleware-ranker</c> template (templates/middleware-ranker) as a plugin
/// author outside the repository uses it: installed into a private template hive, generated into an
/// empty folder against a built contract assembly, built and tested there, and loaded by the host.
/// Packages come from the machine's NuGet cache; nothing is installed for the user.</summary>
public sealed class PluginTemplateTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("plugin-template-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public async Task A_generated_plugin_builds_passes_its_tests_and_loads()
    {
        var hive = Path.Combine(work, "hive");
        var output = Path.Combine(work, "plugins");
        var contract = typeof(IRanker).Assembly.Location;

        await DotnetAsync(work, "new", "install", Path.Combine(RepositoryRoot(), "templates", "middleware-ranker"), "--debug:custom-hive", hive);
        await DotnetAsync(work, "new", "middleware-ranker", "-n", "Acme.MyRanker", "-o", output, "--abstractions", contract, "--debug:custom-hive", hive);
        var tested = await DotnetAsync(output, "test", "Acme.MyRanker.Tests");

        Assert.True(File.Exists(Path.Combine(output, "Acme.MyRanker", "Acme.MyRanker.csproj")));
        Assert.Contains("Passed!", tested);
        // The build put the plugin where the service looks: one folder named after its id.
        var folder = Path.Combine(output, "bin", "acme-my-ranker");
        Assert.False(File.Exists(Path.Combine(folder, Path.GetFileName(contract))), "the plugin must not carry the contract");
        var trust = PluginTrust.ListedOnly(new AllowedPlugin
        {
            Id = "acme-my-ranker", Sha256 = PluginTrust.Sha256(File.ReadAllBytes(Path.Combine(folder, "Acme.MyRanker.dll"))),
        });
        var entry = Assert.Single(new PluginLoader(Path.Combine(output, "bin"), trust, NullLogger<PluginLoader>.Instance).LoadAll());
        Assert.True(entry.State == RankerState.Loaded, entry.Error);
        Assert.Equal("Acme.MyRanker.HashtagHeadStartRanker", entry.Ranker!.GetType().FullName);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Middleware.sln")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException("Middleware.sln not found above " + AppContext.BaseDirectory);
    }

    private static async Task<string> DotnetAsync(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        // Leave no build servers behind once the test is done.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        var text = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{text}");
        return text;
    }
}
