using System.Diagnostics;
using System.Globalization;

namespace Middleware.Tests.Shared.Postgres;

/// <summary>Running Debian's PostgreSQL tools for <see cref="PostgresServer"/>: finding them, running
/// them (as the postgres user under root), and stopping and removing a server's folder.</summary>
internal static class PostgresTools
{
    /// <summary>The file in a server's folder naming the test process that owns the server.</summary>
    public const string OwnerFile = "owner.pid";

    // PostgreSQL refuses to run as root; under root the server runs as Debian's postgres user.
    private const string ServiceUser = "postgres";

    public static Task RunAsync(string bin, string tool, bool asServiceUser, string[] arguments) => asServiceUser
        ? RunAsync("runuser", ["-u", ServiceUser, "--", Path.Combine(bin, tool), .. arguments])
        : RunAsync(Path.Combine(bin, tool), arguments);

    public static Task ChownToServiceUserAsync(string folder) => RunAsync("chown", [ServiceUser, folder]);

    /// <summary>Stops the server in <paramref name="folder"/> at once, if it runs, and removes the folder.</summary>
    public static void StopAndRemove(string folder, string bin, bool asServiceUser)
    {
        var data = Path.Combine(folder, "data");
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            try
            {
                RunAsync(bin, "pg_ctl", asServiceUser, ["-D", data, "-m", "immediate", "-w", "stop"]).GetAwaiter().GetResult();
            }
            catch (InvalidOperationException)
            {
                // Already gone: nothing to stop.
            }
        }

        // The server's last processes may still be removing their files ("directory not empty"): retry.
        for (var attempt = 0; attempt < 20 && Directory.Exists(folder); attempt++)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(100);
            }
        }
    }

    /// <summary>Servers of earlier runs whose test process is gone (ended before its exit handler ran,
    /// or killed): stopped and removed.</summary>
    public static void RemoveAbandoned(string parent, string prefix, string bin, bool asServiceUser)
    {
        foreach (var folder in Directory.GetDirectories(parent, prefix + "*"))
        {
            if (!OwnerIsAlive(folder))
                StopAndRemove(folder, bin, asServiceUser);
        }
    }

    private static bool OwnerIsAlive(string folder)
    {
        var owner = Path.Combine(folder, OwnerFile);
        if (!File.Exists(owner) || !int.TryParse(File.ReadAllText(owner), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
            return false;
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static async Task RunAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', arguments)} exited {process.ExitCode}: {await error}{await output}");
        }
    }

    /// <summary>initdb's folder: on PATH (Debian links some tools into /usr/local/bin), else the newest
    /// /usr/lib/postgresql/N/bin. pg_ctl is taken from the same folder as initdb.</summary>
    public static string? FindBin()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "initdb"))
            .FirstOrDefault(File.Exists);
        if (onPath is not null)
        {
            var real = new FileInfo(onPath).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? onPath;
            if (File.Exists(Path.Combine(Path.GetDirectoryName(real)!, "pg_ctl")))
                return Path.GetDirectoryName(real);
        }

        const string debian = "/usr/lib/postgresql";
        return Directory.Exists(debian)
            ? Directory.GetDirectories(debian)
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var n) ? n : 0)
                .FirstOrDefault()
            : null;
    }
}
