using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;

namespace Middleware.Server.Tests.Infrastructure;

/// <summary>The service as its own process (the dll built in src/), for what only a real start shows:
/// refusals before start, exit codes, the log an admin reads.</summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private ServerProcess(Process process) => _process = process;

    public IReadOnlyList<string> Lines => _lines.ToList();
    public string Output => string.Join('\n', _lines);

    /// <summary>Starts the service on a free loopback port with these settings (environment variables)
    /// and command-line arguments.</summary>
    public static ServerProcess Start(string dataDirectory, IDictionary<string, string>? settings = null, params string[] arguments)
    {
        var dll = typeof(ServerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "MiddlewareServerDll").Value!;
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            ArgumentList = { dll, "--urls", "http://127.0.0.1:0" },
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Middleware__DataDirectory"] = dataDirectory;
        info.Environment["Middleware__AdminToken"] = "process-test-token";
        info.Environment["Logging__LogLevel__Default"] = "Information";
        info.Environment.Remove("ASPNETCORE_URLS");
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            info.Environment[key] = value;
        var process = new Process { StartInfo = info };
        var server = new ServerProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) server._lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) server._lines.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>The exit code, once the process ended by itself within the timeout.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>Waits for a log line containing <paramref name="text"/>.</summary>
    public Task<string> LineAsync(string text, TimeSpan timeout) =>
        Eventually.FirstAsync(() => _lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)),
            $"a log line with '{text}'; so far:\n{Output}", (int)timeout.TotalMilliseconds);

    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
