using System.Diagnostics;

namespace Middleware.Interop.Tests.Peer;

/// <summary>
/// Runs <c>tests/interop/install.sh</c> once per test run when the peer's <c>node_modules</c> is
/// missing or older than its lockfile (a package was added), so <c>dotnet test</c> works on a clean
/// clone and after a pull.
/// </summary>
internal static class PeerInstaller
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task EnsureInstalledAsync(string repoRoot, CancellationToken cancellationToken)
    {
        var peer = Path.Combine(repoRoot, "tests", "interop", "peer");
        if (UpToDate(peer))
        {
            return;
        }
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (UpToDate(peer))
            {
                return;
            }
            await RunInstallScriptAsync(Path.Combine(repoRoot, "tests", "interop", "install.sh"), cancellationToken);
        }
        finally
        {
            Gate.Release();
        }
    }

    // npm rewrites node_modules/.package-lock.json on every install; install.sh uses the same rule.
    private static bool UpToDate(string peer)
    {
        var installed = new FileInfo(Path.Combine(peer, "node_modules", ".package-lock.json"));
        var wanted = new FileInfo(Path.Combine(peer, "package-lock.json"));
        return installed.Exists && wanted.Exists && installed.LastWriteTimeUtc >= wanted.LastWriteTimeUtc;
    }

    private static async Task RunInstallScriptAsync(string script, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo("bash")
        {
            ArgumentList = { script },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start bash {script}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{script} exited with {process.ExitCode}.\n{await stdout}\n{await stderr}");
        }
    }
}
