using System.Diagnostics;

namespace Middleware.Interop.Tests.Support;

/// <summary>Runs a client script (node or python) to its end, within two minutes, and returns its
/// exit code, standard output and standard error.</summary>
public static class ClientScript
{
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string program, string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {script} did not finish in 2 minutes.\n{await errors}");
        }
        return (process.ExitCode, await output, await errors);
    }
}
