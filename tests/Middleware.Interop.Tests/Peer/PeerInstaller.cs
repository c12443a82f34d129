namespace Middleware.Interop.Tests.Peer;

/// <summary>
/// Checks that the peer's npm packages are installed and match its lockfile. The tests install
/// nothing: <c>tests/setup.sh</c> (run by <c>.ci/run</c>) does, once, before any test runs.
/// </summary>
internal static class PeerInstaller
{
    public static Task EnsureInstalledAsync(string repoRoot, CancellationToken cancellationToken)
    {
        var peer = Path.Combine(repoRoot, "tests", "interop", "peer");
        if (!UpToDate(peer))
        {
            throw new InvalidOperationException(
                $"The interop peer's npm packages ({peer}/node_modules) are missing or older than its package-lock.json: run tests/setup.sh");
        }
        return Task.CompletedTask;
    }

    // npm rewrites node_modules/.package-lock.json on every install; install.sh uses the same rule.
    private static bool UpToDate(string peer)
    {
        var installed = new FileInfo(Path.Combine(peer, "node_modules", ".package-lock.json"));
        var wanted = new FileInfo(Path.Combine(peer, "package-lock.json"));
        return installed.Exists && wanted.Exists && installed.LastWriteTimeUtc >= wanted.LastWriteTimeUtc;
    }
}
