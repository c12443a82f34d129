using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Middleware.Interop.Tests.Support;

namespace Middleware.Interop.Tests.Service;

// Starting the process: the server dll built beside this project, its configuration by
// environment variables, and waiting until it answers.
public sealed partial class MiddlewareProcess
{
    private async Task LaunchAndWaitAsync()
    {
        var process = new Process { StartInfo = StartInfo(), EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => AppendLog(e.Data);
        process.ErrorDataReceived += (_, e) => AppendLog(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException("Could not start the service process.");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = DateTimeOffset.UtcNow + StartTimeout;
        using var probe = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync();
                _process = null;
                process.Dispose();
                throw new InvalidOperationException($"The service exited with {process.ExitCode} before answering.\n{Log}");
            }
            try
            {
                using var response = await probe.GetAsync("/.well-known/nodeinfo");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"The service did not answer /.well-known/nodeinfo within {StartTimeout}.\n{Log}");
            }
            await Task.Delay(50);
        }
    }

    private ProcessStartInfo StartInfo()
    {
        var dll = ServerDllPath();
        var startInfo = new ProcessStartInfo("dotnet")
        {
            // The content root, so appsettings.json is found as in production.
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            ArgumentList = { dll, "--urls", BaseUrl.ToString().TrimEnd('/') },
        };
        var env = startInfo.Environment;
        env["Middleware__PublicUrl"] = PublicUrl.ToString().TrimEnd('/');
        env["Middleware__AdminToken"] = _adminToken;
        env["Middleware__AllowPrivateNetworks"] = "true";
        // Client API tests run a stand-in home instance on loopback, without TLS.
        env["ClientApi__UpstreamScheme"] = "http";
        env["Middleware__DataDirectory"] = _dataDirectory;
        env["ConnectionStrings__Default"] = $"Data Source={Path.Combine(_dataDirectory, "middleware.db")}";
        if (_postgres is { } postgres)
        {
            env["Middleware__Database"] = "postgres";
            env["ConnectionStrings__Default"] = postgres.Server.ConnectionString(postgres.Database);
        }
        env["Middleware__Feeds__Tick"] = "00:00:01";
        env["Logging__LogLevel__Default"] = "Warning";
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env.Remove("ASPNETCORE_URLS");
        env.Remove("DOTNET_URLS");
        foreach (var (name, value) in _settings)
        {
            env[name] = value;
        }
        return startInfo;
    }

    private static string ServerDllPath()
    {
        var path = typeof(MiddlewareProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "MiddlewareServerDll").Value!;
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"Build src/Middleware.Server first: {path} is missing.", path);
    }

    private void AppendLog(string? line) => _log.Append(line);

}
